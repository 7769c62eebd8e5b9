import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { HeadlessApi } from '../src/pipeline/headless';
import { sampleCount } from '../src/shared/sampling';
import { fps as rateFps } from '../src/shared/timecode';
import { runScript } from './cli-run';
import { FIXTURES } from './fixtures';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expectCmx3600 } from './exportChecks';
import { needProgram, xmllint } from './programs';
import { expect, test } from './test';

// Films of every length (issue 20): a film whose length has a fraction in (0, 0.5] s ended as
// "truncated or damaged" at its last sample, with no shots and no exports. Frame counts around
// every half second at the film rates people have, and a variable-frame-rate file whose cuts are
// known by timestamp, all end done with shots and every export, through the app and `analyze`.

type ShotscaleWindow = { shotscale: HeadlessApi };

const RATES = [
  { label: '23.976', ffmpeg: '24000/1001', num: 24000, den: 1001 },
  { label: '24', ffmpeg: '24', num: 24, den: 1 },
  { label: '25', ffmpeg: '25', num: 25, den: 1 },
  { label: '29.97', ffmpeg: '30000/1001', num: 30000, den: 1001 },
  { label: '30', ffmpeg: '30', num: 30, den: 1 },
];
/** The export files `analyze` writes for a film with shots. */
const EXPORTS = ['csv', 'json', 'shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'];
const DTD = join(import.meta.dirname, '..', '..', 'shared', 'data', 'fcpxml-dtd', 'FCPXMLv1_10.dtd');

function ffmpeg(args: string[]): void {
  needProgram('ffmpeg');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** Each frame's timestamp, as ffprobe reads it. */
function frameTimes(file: string): number[] {
  needProgram('ffprobe');
  const csv = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return csv
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
}

/** A tiny H.264 clip of exactly `frames` frames at `rate` (made once in e2e/.generated). */
function lengthClip(rate: (typeof RATES)[number], frames: number): string {
  const dir = join(FIXTURES, 'lengths');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `len-${rate.label}-${frames}f.mp4`);
  if (!existsSync(out)) ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=160x90:rate=${rate.ffmpeg}`, '-frames:v', String(frames), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '24', out]);
  return out;
}

/** Frame counts one below, at and one above 1.5, 2 and 2.5 s at a rate: lengths whose fraction is just under, at and just over each half second. */
function framesAroundHalfSeconds(rate: (typeof RATES)[number]): number[] {
  return [1.5, 2, 2.5].flatMap((sec) => {
    const n = Math.round((sec * rate.num) / rate.den);
    return [n - 1, n, n + 1];
  });
}

/**
 * A variable-frame-rate film, 10.33 s: three shots (a Mandelbrot zoom, colour bars, a moving pattern)
 * cut at 3 s and 7 s; every third frame of the first 3 s dropped, so its 224 frames average
 * 21.7 fps while they run at 24, and a frame's index ÷ the average rate is not its time.
 */
function vfrClip(): string {
  mkdirSync(FIXTURES, { recursive: true });
  const out = join(FIXTURES, 'vfr-cuts-3s-7s.mp4');
  if (!existsSync(out)) {
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'mandelbrot=size=320x180:rate=24,trim=duration=3'],
      ...['-f', 'lavfi', '-i', 'smptebars=size=320x180:rate=24:duration=4'],
      ...['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=24:duration=3.3333'],
      ...['-filter_complex', "[0:v][1:v][2:v]concat=n=3:v=1,select='not(lt(n\\,72)*eq(mod(n\\,3)\\,1))'[v]", '-map', '[v]'],
      ...['-fps_mode', 'vfr', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '48', out],
    ]);
  }
  return out;
}

interface FilmDoc {
  film: { durationSec: number; frameCount: number; frameRate: { num: number; den: number }; variableFrameRate: boolean };
  shots: { startFrame: number; endFrame: number; startSec: number; endSec: number }[];
  seconds: { t: number; frame: number }[];
}

/** Checks one film's outputs: done, every export written, samples and shots covering every frame. */
function expectComplete(out: string, file: string, stdout: string, sampleFps: number): FilmDoc {
  const name = basename(file);
  const stem = name.replace(/\.mp4$/, '');
  const times = frameTimes(file);
  expect(stdout, name).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}: .*, done, `));
  for (const ext of EXPORTS) expect(existsSync(join(out, `${stem}.shotscale.${ext}`)), `${name} .${ext}`).toBe(true);
  const doc = JSON.parse(readFileSync(join(out, `${stem}.shotscale.json`), 'utf8')) as FilmDoc;
  expect(doc.shots.length, name).toBeGreaterThan(0);
  expect(doc.shots[0].startFrame).toBe(0);
  expect(doc.shots.at(-1)!.endFrame + 1, name).toBe(times.length);
  expect(doc.film.frameCount, name).toBe(times.length);
  expect(doc.seconds.length, name).toBe(sampleCount(doc.film.durationSec, sampleFps));
  for (const s of doc.seconds) expect(s.t, name).toBeLessThan(doc.film.durationSec);
  // The last sample shows a frame of the film's last interval.
  const lastStart = Math.floor(doc.film.durationSec * sampleFps - 1e-9) / sampleFps;
  expect(times[doc.seconds.at(-1)!.frame] + 1 / 24, name).toBeGreaterThan(lastStart);
  return doc;
}

test.describe('films of every length', () => {
  test('analyze: frame counts around every half second at 23.976, 24, 25, 29.97 and 30 fps end done with shots and every export', async () => {
    test.setTimeout(480_000);
    const files = RATES.flatMap((rate) => framesAroundHalfSeconds(rate).map((n) => lengthClip(rate, n)));
    const out = mkdtempSync(join(tmpdir(), 'shotscale-lengths-'));
    const run = await runScript('analyze', [...files, '--out', out, '--backend', 'wasm']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/truncated or damaged|error/i);
    for (const file of files) {
      const doc = expectComplete(out, file, run.stdout, 1);
      const rate = RATES.find((r) => basename(file).startsWith(`len-${r.label}-`))!;
      expect(doc.film.frameRate, basename(file)).toEqual({ num: rate.num, den: rate.den });
      expect(doc.film.variableFrameRate).toBe(false);
      expectCmx3600(readFileSync(join(out, `${basename(file, '.mp4')}.shotscale.edl`), 'utf8'), rate);
    }
  });

  test('the app at 4 frames/s: lengths just over, at and just under a half second end done with a shot lane', async ({ page }) => {
    test.setTimeout(300_000);
    const rate = RATES[3];
    const files = framesAroundHalfSeconds(rate).slice(3, 9).map((n) => lengthClip(rate, n));
    await openApp(page);
    await page.getByTestId('rate').selectOption('4');
    await pickFiles(page, files);
    for (const file of files) {
      const name = basename(file);
      await waitForStatus(page, name, 'done');
      await expect(filmCard(page, name).getByTestId('shot-lane')).toBeVisible();
      await expect(filmCard(page, name)).not.toContainText(/truncated|damaged/i);
    }
    const films = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().map((f) => ({ name: f.name, n: f.results.length, dur: f.info!.durationSec, last: f.shots?.at(-1)?.endFrame, frames: f.frameCount })));
    for (const f of films) {
      expect(f.n, f.name).toBe(sampleCount(f.dur, 4));
      expect(f.last! + 1, f.name).toBe(f.frames);
    }
  });

  test("a variable-frame-rate film: shots at its cut frames' own timestamps, exports on the 24 fps timeline it runs at", async () => {
    test.setTimeout(240_000);
    const file = vfrClip();
    const times = frameTimes(file);
    expect(times).toHaveLength(224);
    const cutFrames = [3, 7].map((sec) => times.findIndex((t) => t >= sec - 1e-6));
    expect(cutFrames).toEqual([48, 144]);
    const out = mkdtempSync(join(tmpdir(), 'shotscale-vfr-'));
    const run = await runScript('analyze', [file, '--out', out, '--backend', 'wasm']);
    expect(run.code, run.stderr).toBe(0);
    const doc = expectComplete(out, file, run.stdout, 1);
    expect(doc.film.variableFrameRate).toBe(true);
    expect(doc.film.frameRate).toEqual({ num: 24, den: 1 });
    expect(doc.shots.map((s) => s.startFrame)).toEqual([0, ...cutFrames]);
    // Each shot starts at its first frame's own timestamp (frame ÷ the 21.7 fps average would say 2.21 s and 6.63 s).
    doc.shots.forEach((s) => expect(Math.abs(s.startSec - times[s.startFrame]), `shot at frame ${s.startFrame}: ${s.startSec}`).toBeLessThan(0.001));
    expect(Math.abs(doc.shots.at(-1)!.endSec - doc.film.durationSec)).toBeLessThan(0.001);
    // Each second's frame is the one shown at its time.
    for (const s of doc.seconds) expect(times[s.frame]).toBeLessThanOrEqual(s.t + 1e-6);
    for (const s of doc.seconds) if (s.frame + 1 < times.length) expect(times[s.frame + 1]).toBeGreaterThan(s.t);

    const rate = { num: 24, den: 1 };
    const edl = readFileSync(join(out, 'vfr-cuts-3s-7s.shotscale.edl'), 'utf8');
    expectCmx3600(edl, rate);
    // Resolve's markers land where the shots begin: 3 s and 7 s on the 24 fps timeline from 01:00:00:00.
    const recIns = edl
      .split('\r\n')
      .filter((l) => /^\d{3}\s/.test(l))
      .map((l) => l.trim().split(/\s+/)[6]);
    expect(recIns).toEqual(['01:00:00:00', '01:00:03:00', '01:00:07:00']);
    const fcpxml = readFileSync(join(out, 'vfr-cuts-3s-7s.shotscale.fcpxml'), 'utf8');
    expect([...fcpxml.matchAll(/<marker start="([^"]+)"/g)].slice(0, 3).map((m) => m[1])).toEqual(['0s', '3s', '7s']);
    xmllint(join(out, 'vfr-cuts-3s-7s.shotscale.fcpxml'), existsSync(DTD) ? DTD : undefined);
    const otio = JSON.parse(readFileSync(join(out, 'vfr-cuts-3s-7s.shotscale.otio'), 'utf8'));
    const clips = otio.tracks.children[0].children as { source_range: { start_time: { value: number; rate: number } } }[];
    expect(clips.map((c) => [c.source_range.start_time.value, c.source_range.start_time.rate])).toEqual([
      [0, 24],
      [72, 24],
      [168, 24],
    ]);
    expect(readFileSync(join(out, 'vfr-cuts-3s-7s.shotscale.srt'), 'utf8')).toMatch(/00:00:03,000 --> 00:00:07,000/);
    expect(rateFps(doc.film.frameRate)).toBe(24);
  });
});
