import { execFileSync } from 'node:child_process';
import type { HeadlessApi } from '../src/pipeline/headless';
import { fixture } from './fixtures';
import { analyseFile, openApp } from './helpers';
import { expect, test } from './test';

// What the bench's speed levers change must not change what the app finds: the CNN on another
// thread count gives the same answers, two decoders on the film's halves hand over every sample
// once, a cut signature's picture from the tapped rows alone is the whole frame's, and the bench's
// decode with the cut scan decodes every frame of the film.

type ShotscaleWindow = { shotscale: HeadlessApi };
type Page = import('@playwright/test').Page;

/** Analyses a fixture afresh; its labels and probabilities per sample. */
async function analyse(page: Page, name: string) {
  await page.evaluate(async () => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    for (const f of api.films()) await api.deleteSaved(f.id);
  });
  await analyseFile(page, fixture(name));
  return page.evaluate((n) => {
    const f = (window as unknown as ShotscaleWindow).shotscale.films().find((x) => x.name === n)!;
    return f.results.map((r) => ({ index: r.index, label: r.label, probs: r.probs }));
  }, name);
}

/** Puts a fixture in a hidden file input of the page's own, for the bench calls that take a File. */
async function stageFile(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    if (document.getElementById('speed-input')) return;
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'speed-input';
    input.hidden = true;
    document.body.append(input);
  });
  await page.locator('#speed-input').setInputFiles(fixture(name));
}

test('the CNN on another WASM thread count: a fresh worker, the same answers as on the default count', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const before = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.model());
  // The built-in model is light: one thread on two cores or fewer, else every core up to four.
  expect(before.threads).toBe(cores <= 2 ? 1 : Math.min(4, cores));
  expect(before.threadsWanted).toBe(before.threads);
  const usual = await analyse(page, 'clip-8s-vp9.webm');
  const other = before.threads === 1 ? 2 : 1;
  const threads = await page.evaluate(async (n) => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    api.setCnnThreads(n);
    return (await api.model()).threads;
  }, other);
  expect(threads).toBe(other);
  const changed = await analyse(page, 'clip-8s-vp9.webm');
  expect(changed.map((r) => `${r.index}:${r.label}`)).toEqual(usual.map((r) => `${r.index}:${r.label}`));
  changed.forEach((r, i) => r.probs.forEach((p, k) => expect(Math.abs(p - usual[i].probs[k])).toBeLessThan(1e-4)));
  const back = await page.evaluate(async () => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    api.setCnnThreads(0);
    return (await api.model()).threads;
  });
  expect(back).toBe(before.threads);
});

test('two decoders on the halves of a film hand over every sample once; a signature from the tapped rows is the whole frame one; the decode bench with the cut scan sees every frame', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await stageFile(page, 'clip-30s-h264.mp4');
  const split = await page.evaluate(async () => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    const file = (document.getElementById('speed-input') as HTMLInputElement).files![0];
    return { one: await api.benchDecodeSplit(file, 1, 1), two: await api.benchDecodeSplit(file, 1, 2) };
  });
  expect(split.one.sampleTimes).toBe(30);
  expect(split.one.frames).toBe(30);
  expect(split.two.frames).toBe(30);
  const frameCount = Number(
    execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', fixture('clip-30s-h264.mp4')], { encoding: 'utf8' }).trim(),
  );
  const decodes = await page.evaluate(async () => {
    const api = (window as unknown as ShotscaleWindow).shotscale;
    const file = (document.getElementById('speed-input') as HTMLInputElement).files![0];
    return { sparse: await api.benchDecode(file, 1), scan: await api.benchDecode(file, 1, true) };
  });
  expect(decodes.sparse.frames).toBeNull();
  expect(frameCount).toBeGreaterThan(30);
  expect(decodes.scan.frames).toBe(frameCount);
  expect(decodes.scan.framesPerSec).toBeGreaterThan(0);
  const sig = await page.evaluate(async () => {
    const file = (document.getElementById('speed-input') as HTMLInputElement).files![0];
    return (window as unknown as ShotscaleWindow).shotscale.benchSignatures(file, 24);
  });
  expect(sig.frames).toBe(24);
  expect(sig.format).toBe('I420');
  expect(sig.rowsMaxDiff).toBe(0);
  expect(sig.planesMs).toBeGreaterThan(0);
});
