import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../scripts/cli/csv.mjs';
import { summarise, type ScoredExample } from '../src/shared/scoring';
import { parseLabel, SCALE_CODES, type ScaleCode } from '../src/shared/taxonomy';
import { runScript } from './cli-run';
import { fixture } from './fixtures';

// The headless CLI commands (npm run analyze / npm run eval) run the app's own code in Chromium
// from their own static server. They serve the build the other tests use and never rebuild it.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, '../shared/data');
const DEV_STILLS = join(SHARED, 'dev-stills', 'labels.csv');
const CLIPS = join(SHARED, 'clips');

/** The last non-empty line of stdout, parsed as JSON. */
function lastJson(out: string) {
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `shotscale-${prefix}-`));
}

test.describe('headless CLI', () => {
  test('analyze writes the app’s CSV and JSON for a 30 s clip', async () => {
    const out = tempDir('analyze');
    const run = await runScript('analyze', [fixture('clip-30s-h264.mp4'), '--out', out, '--backend', 'wasm']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/clip-30s-h264\.mp4: .*30 samples.* done, [\d.]+ frames\/s, wasm/);

    const csv = readFileSync(join(out, 'clip-30s-h264.shotscale.csv'), 'utf8').trim().split('\n');
    // With shots known: film, t, timecode, frame, shot number, class, one probability per code.
    expect(csv[0]).toBe(['film', 't', 'timecode', 'frame', 'shot', 'class', ...SCALE_CODES.map((c) => `p_${c}`)].join(','));
    const rows = csv.slice(1).map((l) => l.split(',').slice(1));
    expect(rows).toHaveLength(30);
    rows.forEach((r, i) => {
      expect(Number(r[0])).toBeCloseTo(i + 0.5, 3);
      // 24 fps: the frame shown at t = i + 0.5 s is 24·i + 12.
      expect(Number(r[2])).toBe(24 * i + 12);
      expect(Number(r[3])).toBeGreaterThanOrEqual(1);
      r.splice(1, 3);
      expect(SCALE_CODES).toContain(r[1]);
      const sum = r.slice(2).reduce((a, p) => a + Number(p), 0);
      expect(sum).toBeGreaterThan(0.99);
      expect(sum).toBeLessThan(1.01);
    });
    // The last five seconds are black: the blank-frame detector makes them NA.
    expect(rows.slice(25).map((r) => r[1])).toEqual(['NA', 'NA', 'NA', 'NA', 'NA']);

    const json = JSON.parse(readFileSync(join(out, 'clip-30s-h264.shotscale.json'), 'utf8'));
    expect(json.seconds).toHaveLength(30);
    expect(json.film.name).toBe('clip-30s-h264.mp4');
    expect(json.model.backend).toBe('wasm');
    expect(json.seconds[29].class).toBe('NA');
  });

  test('analyze calls an intertitle NA: dark lettering on a pale, grainy, pillarboxed card', async () => {
    const out = tempDir('analyze-intertitle');
    const run = await runScript('analyze', [fixture('intertitle-9s.mp4'), '--out', out, '--backend', 'wasm']);
    expect(run.code).toBe(0);
    const csv = readFileSync(join(out, 'intertitle-9s.shotscale.csv'), 'utf8').trim().split('\n');
    const classes = csv.slice(1).map((l) => l.split(',')[5]);
    expect(classes).toHaveLength(9);
    // Seconds 3–5 are the card; the pattern around it is not blank.
    expect(classes.slice(3, 6)).toEqual(['NA', 'NA', 'NA']);
    for (const c of [...classes.slice(0, 3), ...classes.slice(6)]) expect(c).not.toBe('NA');
  });

  test('analyze reports failed files and exits non-zero after writing the others', async () => {
    const out = tempDir('analyze-err');
    const run = await runScript('analyze', [fixture('not-a-video.mp4'), fixture('clip-8s-vp9.webm'), '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not-a-video.mp4: This is not a video file');
    expect(run.stdout).toMatch(/not-a-video\.mp4: .*error/);
    expect(existsSync(join(out, 'clip-8s-vp9.shotscale.csv'))).toBe(true);
    expect(existsSync(join(out, 'not-a-video.shotscale.csv'))).toBe(false);
  });

  test('analyze: a missing file is a usage error', async () => {
    const run = await runScript('analyze', [join(tempDir('missing'), 'nope.mp4'), '--out', tempDir('out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not found');
  });

  test('eval scores a small generated set', async () => {
    const dir = tempDir('eval');
    mkdirSync(join(dir, 'img'));
    const lines = ['path,label'];
    for (let i = 0; i < 4; i++) {
      ffmpeg(['-f', 'lavfi', '-i', `color=black:size=${320 + 16 * i}x240`, '-frames:v', '1', join(dir, 'img', `black-${i}.png`)]);
      lines.push(`img/black-${i}.png,NA`);
    }
    for (let i = 0; i < 4; i++) {
      ffmpeg(['-f', 'lavfi', '-i', `testsrc=size=480x270:rate=1:duration=${i + 1}`, '-vf', `select=eq(n\\,${i})`, '-frames:v', '1', join(dir, 'img', `pattern-${i}.png`)]);
      lines.push(`img/pattern-${i}.png,${i % 2 ? 'ls|els' : 'WS'}`);
    }
    writeFileSync(join(dir, 'labels.csv'), lines.join('\n') + '\n');
    const jsonOut = join(dir, 'out', 'eval.json');

    const run = await runScript('eval', ['--labels', join(dir, 'labels.csv'), '--json', jsonOut]);
    expect(run.code, run.stderr).toBe(0);
    const summary = lastJson(run.stdout);
    expect(Object.keys(summary).sort()).toEqual(['accuracy', 'coarseAccuracy', 'confusion', 'ece', 'macroF1', 'model', 'n', 'perClass', 'withinOne']);
    expect(summary.n).toBe(8);
    expect(Object.keys(summary.confusion).sort()).toEqual(['LS|ELS', 'NA', 'WS']);
    expect(summary.confusion.NA).toEqual({ NA: 4 });
    expect(summary.perClass.NA.recall).toBe(1);
    expect(summary.accuracy).toBeGreaterThanOrEqual(0.5);

    const doc = JSON.parse(readFileSync(jsonOut, 'utf8'));
    expect(doc.n).toBe(8);
    expect(doc.predictions).toHaveLength(8);
    expect(doc.predictions[0]).toMatchObject({ path: 'img/black-0.png', label: 'NA', pred: 'NA', correct: true });
  });

  test('eval: unknown labels and missing images exit 2', async () => {
    const dir = tempDir('eval-bad');
    ffmpeg(['-f', 'lavfi', '-i', 'color=black:size=64x64', '-frames:v', '1', join(dir, 'a.png')]);
    writeFileSync(join(dir, 'bad-label.csv'), 'path,label\na.png,CLOSE\n');
    writeFileSync(join(dir, 'missing.csv'), 'path,label\na.png,NA\nb.png,CU\n');
    const bad = await runScript('eval', ['--labels', join(dir, 'bad-label.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown shot-scale label "CLOSE"');
    const missing = await runScript('eval', ['--labels', join(dir, 'missing.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('b.png');
  });

  test('dev stills and labelled clips (needs ../shared)', async () => {
    test.skip(!existsSync(DEV_STILLS) || !existsSync(join(CLIPS, 'labels.csv')), 'needs ../shared');
    test.setTimeout(900_000);

    const stills = await runScript('eval', ['--labels', DEV_STILLS]);
    expect(stills.code, stills.stderr).toBe(0);
    const s = lastJson(stills.stdout);
    console.log(`dev-stills: n=${s.n} accuracy=${s.accuracy.toFixed(4)} withinOne=${s.withinOne.toFixed(4)} macroF1=${s.macroF1.toFixed(4)}`);
    console.log(`dev-stills confusion: ${JSON.stringify(s.confusion)}`);
    expect(s.n).toBe(1520);
    expect(s.accuracy).toBeGreaterThan(0.2);
    expect(s.withinOne).toBeGreaterThanOrEqual(s.accuracy);

    // Clips: "second t" is the frame at t + 0.5 s, i.e. the app's sample t at 1 frame/s.
    const rows = parseCsv(readFileSync(join(CLIPS, 'labels.csv'), 'utf8'));
    const header = rows.shift()!;
    const [ci, si, ai] = ['clip', 'second', 'accept'].map((h) => header.indexOf(h));
    const clips = [...new Set(rows.map((r) => r[ci]))];
    const out = tempDir('clips');
    const run = await runScript('analyze', [...clips.map((c) => join(CLIPS, c)), '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    console.log(run.stdout.trim());
    const examples: ScoredExample[] = [];
    let pooled = 0;
    for (const clip of clips) {
      const doc: { shots: { startSec: number; endSec: number }[]; seconds: { t: number; class: ScaleCode; frameClass?: ScaleCode }[] } = JSON.parse(readFileSync(join(out, `${clip.replace(/\.[^.]+$/, '')}.shotscale.json`), 'utf8'));
      const seconds = doc.seconds;
      const shotOf = (t: number) => doc.shots.findIndex((sh) => t >= sh.startSec && t < sh.endSec);
      // Each second's answer is pooled within its shot: it has at least as many votes among the
      // shot's seconds within 2 s as the frame's own answer, and more when it replaced it.
      for (const s of seconds) {
        const own = s.frameClass ?? s.class;
        if (own === 'NA' || shotOf(s.t) < 0) continue;
        const voters = seconds.filter((x) => shotOf(x.t) === shotOf(s.t) && Math.abs(x.t - s.t) <= 2 + 1e-6 && (x.frameClass ?? x.class) !== 'NA');
        const votes = (c: ScaleCode) => voters.filter((x) => (x.frameClass ?? x.class) === c).length;
        expect(s.frameClass, `${clip} ${s.t}`).not.toBe(s.class);
        if (s.frameClass) {
          pooled++;
          expect(votes(s.class), `${clip} ${s.t}`).toBeGreaterThan(votes(own));
        } else expect(votes(s.class), `${clip} ${s.t}`).toBeGreaterThanOrEqual(Math.max(...voters.map((x) => votes(x.frameClass ?? x.class))));
      }
      for (const r of rows.filter((r) => r[ci] === clip)) {
        const t = Number(r[si]) + 0.5;
        const sec = seconds.find((x) => Math.abs(x.t - t) < 0.25);
        expect(sec, `${clip} second ${r[si]}`).toBeDefined();
        examples.push({ pred: sec!.class, accepted: parseLabel(r[ai]), label: r[ai].trim().toUpperCase() });
      }
    }
    const c = summarise(examples);
    console.log(`clips: ${pooled} seconds changed by pooling within their shot`);
    console.log(`clips: n=${c.n} accuracy=${c.accuracy.toFixed(4)} withinOne=${c.withinOne.toFixed(4)} macroF1=${c.macroF1.toFixed(4)}`);
    console.log(`clips confusion: ${JSON.stringify(c.confusion)}`);
    expect(c.n).toBe(rows.length);
    expect(c.withinOne).toBeGreaterThanOrEqual(c.accuracy);
  });
});
