import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeadlessApi } from '../src/pipeline/headless';
import { runScript } from './cli-run';
import { EDITS, fixture } from './fixtures';
import { analyseFile, openApp } from './helpers';
import { xmllint } from './programs';
import { expect, test } from './test';

// From seconds to shots: cuts found at the film's own frames while decoding, a classified frame in
// every shot (even one shorter than the sampling interval), and the same shots written by the CLI.

type ShotscaleWindow = { shotscale: HeadlessApi };

/** First frame of each shot of an edit fixture: 0 and the running sums of its shot lengths. */
function cutFrames(frames: readonly number[]): number[] {
  const starts = [0];
  for (const n of frames.slice(0, -1)) starts.push(starts.at(-1)! + n);
  return starts;
}

test('an edit with hard cuts: frame-accurate shots, each with a classified frame, restored after reload', async ({ page }) => {
  await openApp(page);
  const name = 'edit-short-shot.mp4';
  await analyseFile(page, fixture(name));
  const film = await page.evaluate((n) => {
    const f = (window as unknown as ShotscaleWindow).shotscale.films().find((x) => x.name === n)!;
    return { shots: f.shots ?? [], frameCount: f.frameCount, frameRate: f.frameRate, seconds: f.results.length, shotSamples: f.shotSamples?.length ?? 0 };
  }, name);
  const frames = EDITS[name];
  expect(film.frameCount).toBe(frames.reduce((a, b) => a + b, 0));
  expect(film.frameRate).toEqual({ num: 24, den: 1 });
  expect(film.seconds).toBe(9);
  // Hard cuts exactly at the frames the edit was made with; nothing else.
  expect(film.shots.map((s) => s.startFrame)).toEqual(cutFrames(frames));
  expect(film.shots.map((s) => s.endFrame - s.startFrame + 1)).toEqual([...frames]);
  expect(film.shots.slice(1).every((s) => s.transition.kind === 'cut')).toBe(true);
  // Every shot has a classified frame; the 10-frame shot got one of its own (an extra sample).
  for (const s of film.shots) expect(s.sampleIndices.length, `shot ${s.index}`).toBeGreaterThan(0);
  expect(film.shotSamples).toBeGreaterThanOrEqual(1);
  expect(film.shots[2].confidence).toBeGreaterThan(0);
  // Shot times come from the frames: 72 frames at 24 fps = 3 s.
  expect(film.shots[1].startSec).toBeCloseTo(3, 5);
  expect(film.shots.at(-1)!.endSec).toBeCloseTo(9, 5);

  // After a reload the saved analysis shows the same shots without decoding again.
  await page.reload();
  await expect(page.locator(`[data-testid=film][data-name="${name}"]`)).toHaveAttribute('data-status', 'done');
  const restored = await page.evaluate((n) => (window as unknown as ShotscaleWindow).shotscale.films().find((x) => x.name === n)!.shots?.map((s) => [s.startFrame, s.endFrame, s.scale]), name);
  expect(restored).toEqual(film.shots.map((s) => [s.startFrame, s.endFrame, s.scale]));
});

test('npm run analyze writes the shots: JSON with a top-level shots array, shots CSV, EDL, FCPXML, OTIO, SRT', async () => {
  test.setTimeout(240_000);
  const name = 'edit-3-shots.mp4';
  const out = mkdtempSync(join(tmpdir(), 'shotscale-shots-'));
  const run = await runScript('analyze', [fixture(name), '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  const base = join(out, 'edit-3-shots.shotscale');
  const doc = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
  const frames = EDITS[name];
  expect(doc.shots.map((s: { startFrame: number }) => s.startFrame)).toEqual(cutFrames(frames));
  for (const s of doc.shots) {
    for (const k of ['startFrame', 'endFrame', 'startSec', 'endSec', 'scale', 'confidence', 'transition']) expect(s, k).toHaveProperty(k);
    expect(Object.keys(s.transition)).toEqual(expect.arrayContaining(['kind', 'startFrame', 'endFrame']));
  }
  expect(doc.shots[1].transition.kind).toBe('cut');
  expect(doc.film.startTimestampSec).toBe(0);
  expect(doc.seconds).toHaveLength(9);
  expect(doc.stats.shotCount).toBe(3);
  // The seconds CSV places each second in its shot.
  const csv = readFileSync(`${base}.csv`, 'utf8').trim().split('\n');
  expect(csv[0]).toMatch(/^film,t,timecode,frame,shot,class/);
  expect(csv[1].split(',').slice(2, 5)).toEqual(['00:00:00:12', '12', '1']);
  // The shots CSV has a row per shot; the EDL an event per shot with CMX3600's exclusive record-out.
  expect(readFileSync(`${base}.shots.csv`, 'utf8').trim().split('\n')).toHaveLength(4);
  const events = readFileSync(`${base}.edl`, 'utf8').split(/\r?\n/).filter((l) => /^\d{3,4}\s/.test(l));
  expect(events).toHaveLength(3);
  // Final Cut's DTD accepts the FCPXML (when ../shared has Apple's DTD).
  const dtd = join(import.meta.dirname, '..', '..', 'shared', 'data', 'fcpxml-dtd', 'FCPXMLv1_10.dtd');
  if (existsSync(dtd)) xmllint(`${base}.fcpxml`, dtd);
  const otio = JSON.parse(readFileSync(`${base}.otio`, 'utf8'));
  expect(otio.OTIO_SCHEMA).toMatch(/^Timeline\./);
  expect(readFileSync(`${base}.srt`, 'utf8')).toMatch(/^1\r?\n00:00:00,000 --> 00:00:03,000/);
});
