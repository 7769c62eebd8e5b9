#!/usr/bin/env node
// npm run gate:check -- <clip…> [--labels <clips labels.csv>] [--no-build | --dist <dir>]
//
// Whether the vision gate (src/shared/visionGate.ts: face/pose skipped on frames of a shot already
// seen to have nobody in it) changes any answer: analyses each clip through the app with the gate on
// and off, in one browser session, and prints the seconds whose label differs, how many frames were
// skipped, and, with a labels CSV (clip,second,accept; accept = codes joined by |), the accuracy of both.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError } from '../cli/headless-app.mjs';

const USAGE = 'usage: npm run gate:check -- <clip…> [--labels <labels.csv>] [--no-build | --dist <dir>]';

/**
 * Accepted codes per clip name and second.
 * @param {string} path
 * @returns {Map<string, Map<number, Set<string>>>}
 */
function readLabels(path) {
  /** @type {Map<string, Map<number, Set<string>>>} */
  const out = new Map();
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const [ci, si, ai] = ['clip', 'second', 'accept'].map((c) => cols.indexOf(c));
  if (ci < 0 || si < 0 || ai < 0) throw new UsageError(`${path}: needs clip, second and accept columns`);
  for (const row of rows) {
    const cells = row.split(',');
    const clip = cells[ci];
    if (!out.has(clip)) out.set(clip, new Map());
    out.get(clip)?.set(Number(cells[si]), new Set(cells[ai].split('|').map((c) => c.trim().toUpperCase())));
  }
  return out;
}

runMain(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { labels: { type: 'string' }, ...COMMON_OPTIONS } });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const labels = values.labels ? readLabels(values.labels) : null;
  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose });
  try {
    const { page } = app;
    /** @param {string} clip @param {boolean} gate */
    const run = async (clip, gate) => {
      await page.evaluate(async (on) => {
        for (const f of window.shotscale.films()) await window.shotscale.deleteSaved(f.id);
        window.shotscale.setVisionGate(on);
      }, gate);
      await page.getByTestId('file-input').setInputFiles(clip);
      await page.evaluate(() => window.shotscale.idle());
      return page.evaluate(() => {
        const f = window.shotscale.films()[0];
        return { status: f.status, skipped: window.shotscale.visionSkipped(f.id), labels: f.results.map((r) => ({ index: r.index, label: r.label })) };
      });
    };
    let differ = 0;
    let seconds = 0;
    let skippedAll = 0;
    const correct = { on: 0, off: 0, n: 0 };
    for (const clip of positionals) {
      log(`${basename(clip)}: gate off, then on…`);
      const off = await run(clip, false);
      const on = await run(clip, true);
      const offBy = new Map(off.labels.map((r) => [r.index, r.label]));
      const changed = on.labels.filter((r) => offBy.get(r.index) !== r.label);
      differ += changed.length;
      seconds += on.labels.length;
      skippedAll += on.skipped;
      const truth = labels?.get(basename(clip));
      if (truth) {
        for (const r of on.labels) {
          const accept = truth.get(r.index);
          if (!accept) continue;
          correct.n++;
          if (accept.has(r.label)) correct.on++;
          if (accept.has(offBy.get(r.index) ?? '')) correct.off++;
        }
      }
      console.log(`${basename(clip)}: ${on.labels.length} seconds, face/pose skipped on ${on.skipped}, labels that differ: ${changed.length}${changed.length ? ` (${changed.map((r) => `${r.index}: ${offBy.get(r.index)} → ${r.label}`).join(', ')})` : ''}`);
    }
    console.log(`all: ${seconds} seconds, skipped ${skippedAll}, differ ${differ}`);
    if (correct.n) console.log(`accuracy against the labels (n = ${correct.n}): gate off ${correct.off}/${correct.n}, gate on ${correct.on}/${correct.n}`);
    return 0;
  } finally {
    await app.close();
  }
});
