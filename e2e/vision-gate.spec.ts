import type { HeadlessApi } from '../src/pipeline/headless';
import { EDITS, fixture } from './fixtures';
import { analyseFile, openApp } from './helpers';
import { expect, test } from './test';

// The vision gate (src/shared/visionGate.ts) skips face/pose detection on frames of a shot already
// seen to have nobody in it: fewer detections, the same answers, and every shot's first sample
// still looked at.

type ShotscaleWindow = { shotscale: HeadlessApi };

/** Analyses a fixture with the gate on or off; its labels, which samples ran detection, and the count skipped. */
async function analyse(page: import('@playwright/test').Page, name: string, gate: boolean) {
  await page.evaluate(async (on) => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    for (const f of api.films()) await api.deleteSaved(f.id);
    api.setVisionGate(on);
  }, gate);
  await analyseFile(page, fixture(name));
  return page.evaluate(async (n) => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    const f = api.films().find((x) => x.name === n)!;
    const features = await api.filmFeatures(f.id);
    return {
      labels: f.results.map((r) => `${r.index}:${r.label}`),
      frames: f.results.map((r) => r.frame ?? -1),
      ran: features.map((x) => !!x.vision),
      blank: features.map((x) => x.naProb >= 0.5),
      skipped: api.visionSkipped(f.id),
      shotStarts: (f.shots ?? []).map((s) => s.startFrame),
    };
  }, name);
}

test('a static shot with nobody in it: detection skipped on most samples, answers unchanged', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const off = await analyse(page, 'clip-30s-h264.mp4', false);
  const on = await analyse(page, 'clip-30s-h264.mp4', true);
  expect(off.skipped).toBe(0);
  expect(off.ran.every((r, i) => r || off.blank[i])).toBe(true);
  expect(on.skipped).toBeGreaterThanOrEqual(12);
  expect(on.ran.filter((r, i) => !r && !on.blank[i]).length).toBe(on.skipped);
  // Never more than four skips in a row.
  expect(on.ran.map((r, i) => (r ? 'R' : on.blank[i] ? 'B' : 'S')).join('')).not.toMatch(/S{5}/);
  expect(on.labels).toEqual(off.labels);
});

test('an edit with cuts: the first sample of every shot runs detection', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  const name = 'edit-3-shots.mp4';
  const on = await analyse(page, name, true);
  const frames = EDITS[name];
  expect(on.shotStarts.length).toBe(frames.length);
  for (const start of on.shotStarts) {
    const first = on.frames.findIndex((f) => f >= start);
    expect(on.ran[first] || on.blank[first], `first sample of the shot at frame ${start}`).toBe(true);
  }
});
