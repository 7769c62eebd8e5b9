// npm run screenshots -- --clips ../shared/data/clips [--dist dist --out docs/screenshots]: the
// guide's screenshots of the real app, made from the production build in headless Chromium.
// With --clips, from a real film: the two Tears of Steel excerpts (CC BY 3.0, Blender Foundation),
// read where they are and never copied into the repository; the committed PNGs are made this way.
// Without it, from edits of generated test patterns (ffmpeg), for machines without the clips.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../cli/chromium.mjs';
import { DIST, ROOT, UsageError, ensureBuild, log, runMain, serveStatic } from '../cli/headless-app.mjs';

/** Screenshot size: a laptop screen, small PNGs. */
const VIEWPORT = { width: 1280, height: 720 };

/**
 * An edit of generated pictures joined by hard cuts: [lavfi source, seconds] per shot.
 * @param {string} out @param {[string, number][]} shots
 */
function makeEdit(out, shots) {
  const inputs = shots.flatMap(([source, sec]) => ['-f', 'lavfi', '-t', String(sec), '-i', `${source}${source.includes('=') ? ':' : '='}size=640x360:rate=24`]);
  const prep = shots.map((_, i) => `[${i}:v]setsar=1,format=yuv420p[v${i}]`).join(';');
  const concat = `${prep};${shots.map((_, i) => `[v${i}]`).join('')}concat=n=${shots.length}:v=1[v]`;
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', concat, '-map', '[v]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', out]);
}

/** The Tears of Steel excerpts in `--clips`, and the second of the first to show (a woman at a desk, MS). */
const CLIPS = ['tears-of-steel-a-640x360.mp4', 'tears-of-steel-b-640x360.mp4'];
const CLIP_SECOND = 4;

/**
 * The two films to screenshot and the second of the first to select: the real clips, or two
 * generated edits written into `work`.
 * @param {string | undefined} clipsDir @param {string} work
 */
function films(clipsDir, work) {
  if (clipsDir) {
    const paths = CLIPS.map((name) => join(resolve(clipsDir), name));
    const missing = paths.filter((p) => !existsSync(p));
    if (missing.length) throw new UsageError(`--clips: ${missing.join(', ')} not found`);
    return { paths, second: CLIP_SECOND };
  }
  const paths = [join(work, 'three-shots.mp4'), join(work, 'four-shots.mp4')];
  makeEdit(paths[0], [['testsrc2', 4], ['smptebars', 3], ['mandelbrot', 5]]);
  makeEdit(paths[1], [['mandelbrot', 2], ['testsrc', 1], ['color=c=black', 1], ['smptehdbars', 2]]);
  return { paths, second: 5 };
}

runMain(async () => {
  const { values } = parseArgs({ options: { dist: { type: 'string' }, out: { type: 'string', default: 'docs/screenshots' }, clips: { type: 'string' } } });
  const dist = values.dist ? resolve(values.dist) : (ensureBuild(), DIST);
  const outDir = resolve(ROOT, values.out);
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'shotscale-shots-'));
  const { paths, second } = films(values.clips, work);
  const [longer, shorter] = paths.map((p) => basename(p));
  const server = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, serviceWorkers: 'block' });
    await page.goto(server.url);
    await page.getByTestId('backend').waitFor({ timeout: 90_000 });
    await page.getByTestId('file-input').setInputFiles(paths);
    for (const name of [longer, shorter]) {
      await page.locator(`[data-testid=film][data-name="${name}"][data-status=done]`).waitFor({ timeout: 180_000 });
    }
    const first = page.locator(`[data-testid=film][data-name="${longer}"]`);
    await first.getByTestId('timeline-cell').nth(second).click();
    await page.getByTestId('player-scale').waitFor();
    await page.getByTestId('player-heatmap').check();
    await page.getByTestId('player').getByTestId('heatmap').waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, 'film-player-inspector.png') });
    log(`wrote ${join(values.out, 'film-player-inspector.png')}`);

    for (const card of await page.getByTestId('film').all()) await card.getByTestId('compare').check();
    // The shorter film's card on top: its lanes take only its share of the shared time scale.
    await page.locator(`[data-testid=film][data-name="${shorter}"]`).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, 'comparison.png'), fullPage: false });
    log(`wrote ${join(values.out, 'comparison.png')}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
