import type { HeadlessApi } from '../src/pipeline/headless';
import { fixture, SKIP_EDIT_CUTS } from './fixtures';
import { openApp } from './helpers';
import { expect, test } from './test';

// Issue 24: the cut scan leaves the frames no other frame needs undecoded (the default). What the
// app finds must not change: every hard cut on its frame, every sample on the same frame with the
// same answer, gradual transitions within the uncertainty they carry; and files whose frames are
// all references (intra-only, no B-frames) or that code fields (interlaced) decode every frame,
// exactly as without skipping.

type ShotscaleWindow = { shotscale: HeadlessApi };
type Page = import('@playwright/test').Page;

/** One analysis of a fixture afresh with skipping on or off: its transitions, frames, samples and the scan's counts. */
async function analyse(page: Page, name: string, skip: boolean) {
  await page.evaluate(async (on) => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    for (const f of api.films()) await api.deleteSaved(f.id);
    api.setSkipNonReference(on);
  }, skip);
  const before = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().length);
  await page.getByTestId('file-input').setInputFiles(fixture(name));
  await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.idle());
  return page.evaluate((n) => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    const f = api.films()[n];
    return {
      status: f.status,
      frameCount: f.frameCount,
      transitions: (f.transitions ?? []).map(({ kind, startFrame, endFrame, shotStartFrame, uncertaintyFrames }) => ({ kind, startFrame, endFrame, shotStartFrame, uncertaintyFrames })),
      samples: f.results.map((r) => `${r.frame}:${r.label}`),
      probs: f.results.map((r) => r.probs),
      counts: api.skipCounts(f.id),
    };
  }, before);
}

test.describe('leaving non-reference frames undecoded', () => {
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(240_000);

  for (const name of ['skip-edit.mp4', 'skip-edit.ts']) {
    test(`${name}: a quarter of the frames left undecoded, the same cuts and samples as decoding every frame`, async ({ page }) => {
      await openApp(page);
      const full = await analyse(page, name, false);
      const skip = await analyse(page, name, true);
      expect(full.status).toBe('done');
      expect(skip.status).toBe('done');
      expect(full.counts).toBeNull();
      expect(skip.counts).not.toBeNull();
      const { decoded, skipped } = skip.counts!;
      // x264's default preset: 45 % of the frames are referenced by none; those the samples, the
      // cuts and size changes need are decoded anyway, and about half stay undecoded.
      expect(skipped / (decoded + skipped)).toBeGreaterThan(0.15);
      expect(decoded + skipped).toBe(full.frameCount);
      expect(skip.frameCount).toBe(full.frameCount);
      expect(skip.samples).toEqual(full.samples);
      // The same pictures: the decoder is configured as the plain one is (colour space completed).
      skip.probs.forEach((p, i) => p.forEach((x, k) => expect(Math.abs(x - full.probs[i][k])).toBeLessThan(1e-5)));
      // Every frame decoded: both hard cuts on their frames, a dissolve and a fade between.
      const cuts = (t: typeof full.transitions) => t.filter((x) => x.kind === 'cut').map((x) => x.shotStartFrame);
      expect(cuts(full.transitions)).toEqual(SKIP_EDIT_CUTS);
      expect(cuts(skip.transitions)).toEqual(SKIP_EDIT_CUTS);
      expect(full.transitions.map((t) => t.kind)).toEqual(skip.transitions.map((t) => t.kind));
      // Gradual transitions move by no more than the uncertainty the skipping scan gives them.
      full.transitions.forEach((t, i) => {
        const s = skip.transitions[i];
        const moved = Math.max(Math.abs(t.startFrame - s.startFrame), Math.abs(t.endFrame - s.endFrame), Math.abs(t.shotStartFrame - s.shotStartFrame));
        expect(moved, `${t.kind} at ${t.shotStartFrame}`).toBeLessThanOrEqual(s.uncertaintyFrames ?? 0);
        expect(t.uncertaintyFrames).toBeUndefined();
      });
    });
  }

  for (const name of ['skip-edit-intra.mp4', 'skip-edit-no-b.mp4', 'skip-edit-interlaced.mp4']) {
    test(`${name}: every frame a reference, or fields not frames, so every frame is decoded and nothing changes`, async ({ page }) => {
      await openApp(page);
      const full = await analyse(page, name, false);
      const skip = await analyse(page, name, true);
      expect(skip.status).toBe('done');
      expect(skip.counts).toBeNull();
      expect(skip.frameCount).toBe(full.frameCount);
      expect(skip.transitions).toEqual(full.transitions);
      expect(skip.samples).toEqual(full.samples);
      expect(skip.transitions.filter((x) => x.kind === 'cut').map((x) => x.shotStartFrame)).toEqual(SKIP_EDIT_CUTS);
    });
  }
});
