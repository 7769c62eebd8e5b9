import type { HeadlessApi } from '../src/pipeline/headless';
import type { Film } from '../src/store/store';
import { fuzzBases, fuzzVariants } from './fuzz-variants';
import { openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// 100 damaged variants of real encodes (bytes flipped, truncated, chunks cut out at random offsets;
// seeded, so a failure names the seed that reproduces it). Each must end in results or a message
// within a time limit: no hang, no page crash, the seconds before the damage kept, and the app
// still analyses the next drop.

type ShotscaleWindow = { shotscale: HeadlessApi };

const COUNT = 100;
const PER_GROUP = 10;
/** Each group of files must be finished within this (a hang shows as a timeout naming the files). */
const GROUP_LIMIT_MS = 150_000;
const ENDED = new Set(['done', 'error', 'cancelled', 'incomplete']);

test('100 damaged files each end in results or a message; the app keeps working', async ({ page }) => {
  test.setTimeout(30 * 60_000);
  const variants = fuzzVariants(COUNT);
  const crashes: string[] = [];
  const uncaught: string[] = [];
  page.on('crash', () => crashes.push('page crashed'));
  page.on('pageerror', (e) => uncaught.push(e.message));
  await openApp(page);
  for (let g = 0; g < COUNT; g += PER_GROUP) {
    const group = variants.slice(g, g + PER_GROUP);
    await pickFiles(page, group.map((v) => v.path));
    await expect
      .poll(
        async () => {
          const films = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().map((f) => ({ name: f.name, status: f.status })));
          return group.filter((v) => !films.some((f) => f.name === v.name && ENDED.has(f.status))).map((v) => `${v.name} (${v.damage}, seed ${v.seed})`);
        },
        { timeout: GROUP_LIMIT_MS, intervals: [500] },
      )
      .toEqual([]);
  }
  const films = (await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().map((f) => ({ name: f.name, status: f.status, results: f.results.map((r) => r.index), error: f.error, total: f.progress.total })))) as (Pick<Film, 'name' | 'status' | 'error'> & { results: number[]; total: number })[];
  const byName = new Map(films.map((f) => [f.name, f]));
  const outcomes: Record<string, number> = {};
  for (const v of variants) {
    const f = byName.get(v.name)!;
    outcomes[`${v.damage}:${f.status}`] = (outcomes[`${v.damage}:${f.status}`] ?? 0) + 1;
    // Every file ends in results or a message that names a problem.
    expect(f.results.length > 0 || (f.error?.title ?? '').length > 0, `${v.name}: neither results nor a message`).toBe(true);
    if (f.status === 'error') expect(f.error?.detail, v.name).toBeTruthy();
    // Results are whole seconds of the film, in order, no duplicates.
    expect(new Set(f.results).size, v.name).toBe(f.results.length);
    expect(f.results.every((idx) => idx >= 0 && idx < Math.max(f.total, 1)), v.name).toBe(true);
    // A cut-short file keeps the seconds before the damage: its results are a prefix of the film.
    if (v.damage === 'truncate') expect(f.results, `${v.name} (kept ${(v.keepFraction! * 100).toFixed(0)}%)`).toEqual(f.results.map((_, i) => i));
  }
  console.log('fuzz outcomes (damage:status → files):', JSON.stringify(outcomes));
  expect(crashes).toEqual([]);
  expect(uncaught).toEqual([]);
  // The app still works: an undamaged file analyses in full.
  const [pristine] = fuzzBases();
  await pickFiles(page, [pristine]);
  await waitForStatus(page, 'fuzz-base-h264.mp4', 'done');
  const seconds = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().find((f) => f.name === 'fuzz-base-h264.mp4' && f.status === 'done')!.results.length);
  expect(seconds).toBe(6);
});
