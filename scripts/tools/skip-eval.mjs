#!/usr/bin/env node
// npm run skip:eval -- [more films…] [--clips ../shared/data/clips] [--work e2e/.generated/cuts] [--json out.json] [--no-build | --dist <dir>]
//
// Leaving non-reference frames undecoded in the cut scan (workers/decode/skippingDecoder.ts) must
// not change what the scan finds. Runs every film through the app twice, decoding every frame and
// skipping, and lists every difference: transitions (kind and frames), frame count, the frame each
// sample showed. Films: the cut-evaluation edits (scripts/tools/cuts-fixtures.mjs, real film footage cut
// and joined at known frames), the clips themselves, the e2e edits, and any given. Prints per film
// the share of frames left undecoded and the non-reference frames decoded anyway (a sample falls
// in them, or their size stood out), and the time of the scan either way.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFixtures } from './cuts-fixtures.mjs';
import { COMMON_OPTIONS, log, openApp, ROOT, runMain } from '../cli/headless-app.mjs';

/**
 * One film through the app with skipping on or off: its transitions, frames and samples' frames, and the scan's time and counts.
 * @param {import('@playwright/test').Page} page
 * @param {string} path
 * @param {boolean} skip
 */
async function analyse(page, path, skip) {
  await page.evaluate((on) => window.shotscale.setSkipNonReference(on), skip);
  const before = await page.evaluate(() => window.shotscale.films().length);
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  await page.evaluate(() => window.shotscale.idle());
  const wallMs = Date.now() - t0;
  return page.evaluate(
    async ({ n, wallMs }) => {
      const f = window.shotscale.films()[n];
      const out = {
        status: f.status,
        error: f.error?.detail,
        frameCount: f.frameCount,
        transitions: (f.transitions ?? []).map(({ kind, startFrame, endFrame, shotStartFrame, uncertaintyFrames }) => ({ kind, startFrame, endFrame, shotStartFrame, uncertaintyFrames })),
        sampleFrames: f.results.map((r) => r.frame),
        stage: window.shotscale.stageTimes(f.id),
        counts: window.shotscale.skipCounts(f.id),
        wallMs,
      };
      await window.shotscale.deleteSaved(f.id);
      return out;
    },
    { n: before, wallMs },
  );
}

/** @typedef {{ kind: string, startFrame: number, endFrame: number, shotStartFrame: number, uncertaintyFrames?: number }} T */

/** A transition as text: kind@first-last>new shot's first frame, ~N when it may be N frames off. @param {T} t */
const name = (t) => `${t.kind}@${t.startFrame}-${t.endFrame}>${t.shotStartFrame}${t.uncertaintyFrames ? `~${t.uncertaintyFrames}` : ''}`;

/** Frames of the largest offset between two transitions' first, last and new-shot frames. @param {T} a @param {T} b */
const offset = (a, b) => Math.max(Math.abs(a.startFrame - b.startFrame), Math.abs(a.endFrame - b.endFrame), Math.abs(a.shotStartFrame - b.shotStartFrame));

/** Transitions farther apart than this are not the same one. */
const SAME_WITHIN_FRAMES = 12;

/**
 * Pairs each transition of the full scan with the skipping scan's nearest one of the same kind:
 * the pairs that moved (by how much, and whether the skipping scan said it might), and those
 * found by one scan only.
 * @param {T[]} full @param {T[]} skip
 */
function difference(full, skip) {
  const left = [...skip];
  /** @type {{ full: T, skip: T, frames: number, flagged: boolean }[]} */
  const moved = [];
  /** @type {T[]} */
  const onlyFull = [];
  for (const t of full) {
    let best = -1;
    for (let i = 0; i < left.length; i++) if (left[i].kind === t.kind && (best < 0 || offset(t, left[i]) < offset(t, left[best]))) best = i;
    if (best < 0 || offset(t, left[best]) > SAME_WITHIN_FRAMES) {
      onlyFull.push(t);
      continue;
    }
    const [s] = left.splice(best, 1);
    const frames = offset(t, s);
    if (frames > 0) moved.push({ full: t, skip: s, frames, flagged: (s.uncertaintyFrames ?? 0) >= frames });
  }
  return { moved, onlyFull, onlySkip: left };
}

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { clips: { type: 'string', default: join(ROOT, '..', 'shared', 'data', 'clips') }, work: { type: 'string', default: join(ROOT, 'e2e', '.generated', 'cuts') }, json: { type: 'string' }, ...COMMON_OPTIONS },
  });
  const films = [];
  const clipsDir = resolve(values.clips);
  if (existsSync(clipsDir)) {
    const truths = await buildFixtures({ workDir: resolve(values.work), clipsDir, log });
    films.push(...truths.map((t) => t.file), ...readdirSync(clipsDir).filter((f) => f.endsWith('.mp4')).map((f) => join(clipsDir, f)));
  } else log(`no clips at ${clipsDir}: the cut-evaluation edits are left out`);
  const generated = join(ROOT, 'e2e', '.generated');
  for (const name of ['edit-3-shots.mp4', 'edit-short-shot.mp4', 'edit-8-shots.mp4', 'clip-30s-h264.mp4', 'origin-12s.mp4', 'origin-12s.ts']) if (existsSync(join(generated, name))) films.push(join(generated, name));
  films.push(...positionals.map((p) => resolve(p)));

  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose, model: values.model });
  const report = [];
  try {
    const { page } = app;
    for (const path of films) {
      const full = await analyse(page, path, false);
      const skip = await analyse(page, path, true);
      const t = difference(full.transitions, skip.transitions);
      const samplesDiffer = full.sampleFrames.filter((f, i) => f !== skip.sampleFrames[i]).length;
      const c = skip.counts;
      const frames = c ? c.decoded + c.skipped : full.frameCount;
      const scanMs = (s) => Math.round(s.stage.decode + s.stage.cuts);
      const row = {
        film: basename(path),
        frames: full.frameCount,
        skippedShare: c ? c.skipped / frames : 0,
        keptNonReference: c?.keptNonReference ?? 0,
        same: t.moved.length === 0 && t.onlyFull.length === 0 && t.onlySkip.length === 0 && full.frameCount === skip.frameCount && samplesDiffer === 0,
        transitions: full.transitions.length,
        /** Transitions found by both, at other frames: the largest offset, and how many the skipping scan did not flag as that uncertain. */
        maxOffsetFrames: Math.max(0, ...t.moved.map((m) => m.frames)),
        unflagged: t.moved.filter((m) => !m.flagged).length,
        moved: t.moved.map((m) => `${name(m.full)} → ${name(m.skip)}`),
        onlyFull: t.onlyFull.map(name),
        onlySkip: t.onlySkip.map(name),
        samplesDiffer,
        scanMsFull: scanMs(full),
        scanMsSkip: scanMs(skip),
        status: `${full.status}/${skip.status}`,
      };
      report.push(row);
      console.log(
        `${row.film}: ${row.frames} frames, ${(100 * row.skippedShare).toFixed(1)} % left undecoded (${row.keptNonReference} non-reference decoded anyway), scan ${row.scanMsFull} → ${row.scanMsSkip} ms (×${(row.scanMsFull / Math.max(1, row.scanMsSkip)).toFixed(2)}), ${row.same ? 'same transitions, frames and samples' : `DIFFERS:${row.moved.length ? ` moved by up to ${row.maxOffsetFrames} frame(s) [${row.moved.join(', ')}]${row.unflagged ? ` (${row.unflagged} not flagged as uncertain)` : ''},` : ''} only full [${row.onlyFull.join(' ')}], only skipping [${row.onlySkip.join(' ')}], ${row.samplesDiffer} samples on other frames${full.frameCount !== skip.frameCount ? `, frames ${full.frameCount} vs ${skip.frameCount}` : ''}`}`,
      );
    }
  } finally {
    await app.close();
  }
  const same = report.filter((r) => r.same).length;
  const summary = { films: report.length, same, differing: report.length - same, skippedShare: report.reduce((a, r) => a + r.skippedShare * r.frames, 0) / Math.max(1, report.reduce((a, r) => a + r.frames, 0)) };
  console.log(JSON.stringify(summary));
  if (values.json) writeFileSync(values.json, JSON.stringify({ summary, films: report }, null, 1));
  return 0;
});
