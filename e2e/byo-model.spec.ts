import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { HeadlessApi } from '../src/pipeline/headless';
import { runScript } from './cli-run';
import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles, precachedPaths, waitForStatus } from './helpers';
import { canTrain, makeBadModels, trainingLabels, trainModel } from './model-fixtures';
import { expect, test } from './test';

type ShotscaleWindow = { shotscale: HeadlessApi };

/** Drops files on the page as a drag from the desktop does (a real `drop` event carrying File objects). */
async function dropFiles(page: Page, paths: string[]): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.hidden = true;
    input.id = 'e2e-drop-source';
    document.body.append(input);
  });
  await page.locator('#e2e-drop-source').setInputFiles(paths);
  await page.evaluate(() => {
    const input = document.getElementById('e2e-drop-source') as HTMLInputElement;
    const dt = new DataTransfer();
    for (const f of Array.from(input.files ?? [])) dt.items.add(f);
    input.remove();
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

/**
 * Starts measuring how long the main thread goes without running a 20 ms timer (its longest
 * stall); `stallMs` reads it. (PerformanceObserver 'longtask' reports nothing in headless Chromium.)
 */
async function watchStalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __stallMs: number };
    w.__stallMs = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.__stallMs = Math.max(w.__stallMs, now - last);
      last = now;
    }, 20);
  });
}

/** The main thread's longest stall since watchStalls, in milliseconds. */
function stallMs(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __stallMs: number }).__stallMs);
}

const modelOption = (page: Page, key: string) => page.locator(`[data-testid=model-option][data-key="${key}"]`);

let work = '';
let resnet = '';
let densenet = '';

test.describe.serial('bring your own model', () => {
  test.beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'shotscale-byo-'));
  });
  test.afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('a ResNet-50 from the training pipeline, dropped on the page: checked without freezing it, chosen, analyses a clip, names itself; it and its results survive a reload and work offline; models never mix', async ({ page, context }, info) => {
    test.skip(!canTrain(), 'python3 with torch, onnx and onnxruntime is not installed');
    test.setTimeout(600_000);
    resnet = trainModel('resnet50', join(work, 'resnet50'));
    const card = JSON.parse(readFileSync(resnet, 'utf8')) as { id: string; version: string; file: string; bytes: number };
    expect(card.bytes).toBeGreaterThan(90e6);
    const key = `${card.id}@${card.version}`;

    await openApp(page);
    await precachedPaths(page);
    await expect(modelOption(page, 'default')).toHaveAttribute('data-selected', 'true');
    await watchStalls(page);
    const t0 = Date.now();
    await dropFiles(page, [resnet, join(work, 'resnet50', card.file)]);
    await expect(page.getByTestId('model-activity')).toBeVisible();
    await page.screenshot({ path: info.outputPath('byo-loading.png') });
    await expect(page.getByTestId('backend')).toContainText(`${card.id} v${card.version}`, { timeout: 300_000 });
    const addSec = (Date.now() - t0) / 1000;
    await expect(page.getByTestId('model-activity')).toBeHidden();
    await expect(page.getByTestId('model-problems')).toHaveCount(0);
    await expect(modelOption(page, key)).toHaveAttribute('data-selected', 'true');
    await expect(modelOption(page, key)).toContainText('ResNet-50');
    // Heavy: every core up to four, in a fresh worker (the one running the built-in model started on one thread where there are two cores or fewer).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const added = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.model());
    expect(added.card.id).toBe(card.id);
    expect(added.threads).toBe(Math.min(4, cores));
    expect(added.threadsWanted).toBe(added.threads);
    const stalled = await stallMs(page);
    console.log(`ResNet-50 (${(card.bytes / 1e6).toFixed(1)} MB) added in ${addSec.toFixed(1)} s; the page's longest stall meanwhile: ${Math.round(stalled)} ms`);
    // Hashing 94 MB on the page would block it for about a second; everything heavy runs in the worker.
    expect(stalled).toBeLessThan(400);
    // The measure does see a blocked main thread (so the figure above means something).
    await page.evaluate(() => {
      const t = performance.now();
      while (performance.now() - t < 450);
    });
    await expect.poll(() => stallMs(page)).toBeGreaterThanOrEqual(400);

    await pickFiles(page, [fixture('clip-8s-vp9.webm')]);
    await waitForStatus(page, 'clip-8s-vp9.webm', 'done', 300_000);
    const card1 = filmCard(page, 'clip-8s-vp9.webm');
    await expect(card1.getByTestId('film-model')).toHaveText(`${card.id} v${card.version}`);
    await expect(card1.getByTestId('timeline')).toHaveAttribute('data-seconds', '8');
    const doc = await page.evaluate(() => {
      const w = window as unknown as ShotscaleWindow;
      const film = w.shotscale.films().find((f) => f.name === 'clip-8s-vp9.webm')!;
      return JSON.parse(w.shotscale.exportFilm(film.id).json) as { model: { id: string; version: string }; seconds: unknown[] };
    });
    expect(doc.model.id).toBe(card.id);
    expect(doc.model.version).toBe(card.version);
    expect(doc.seconds).toHaveLength(8);
    await page.screenshot({ path: info.outputPath('byo-analysed.png'), fullPage: true });

    // Reload, then offline: the model comes from this browser's storage, the saved analysis names it.
    await page.reload();
    await expect(page.getByTestId('backend')).toContainText(card.id, { timeout: 120_000 });
    await expect(modelOption(page, key)).toHaveAttribute('data-selected', 'true');
    await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('film-model')).toHaveText(`${card.id} v${card.version}`);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('backend')).toContainText(card.id, { timeout: 120_000 });
    await pickFiles(page, [fixture('clip-30s-h264.mp4')]);
    await waitForStatus(page, 'clip-30s-h264.mp4', 'done', 400_000);
    await expect(filmCard(page, 'clip-30s-h264.mp4').getByTestId('film-model')).toHaveText(`${card.id} v${card.version}`);
    const offline = await page.evaluate(async () => {
      const w = window as unknown as ShotscaleWindow;
      const m = await w.shotscale.model();
      const film = w.shotscale.films().find((f) => f.name === 'clip-30s-h264.mp4')!;
      return { loadMs: m.loadMs, warmupMs: m.warmupMs, backend: m.backend, threads: m.threads, fps: film.progress.fps };
    });
    console.log(`offline reload: ResNet-50 read from IndexedDB, hashed and started in ${Math.round(offline.loadMs)} ms (+ ${Math.round(offline.warmupMs)} ms warm-up) on ${offline.backend} ${offline.threads} threads; clip-30s-h264.mp4 analysed at ${offline.fps.toFixed(1)} frames/s`);

    // The built-in model again: the same clip gets its own analysis beside the ResNet's.
    await page.locator('[data-testid=model-option][data-key=default] input').check();
    await expect(page.getByTestId('backend')).not.toContainText(card.id, { timeout: 60_000 });
    const builtInId = (await page.getByTestId('backend').textContent())!.split(' ')[0];
    const builtIn = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.model());
    expect(builtIn.threads).toBe(cores <= 2 ? 1 : Math.min(4, cores));
    await pickFiles(page, [fixture('clip-8s-vp9.webm')]);
    const cards = filmCard(page, 'clip-8s-vp9.webm');
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
    await expect(cards.getByTestId('film-model')).toHaveText([`${card.id} v${card.version}`, new RegExp(`^${builtInId} v`)]);
    const keys = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().filter((f) => f.name === 'clip-8s-vp9.webm').map((f) => f.key));
    expect(new Set(keys).size).toBe(2);
    await page.screenshot({ path: info.outputPath('byo-two-models.png'), fullPage: true });
  });

  test('a DenseNet-121 from the training pipeline, picked with the button, analyses a clip; npm run analyze and npm run eval take it with --model', async ({ page }, info) => {
    test.skip(!canTrain(), 'python3 with torch, onnx and onnxruntime is not installed');
    test.setTimeout(600_000);
    densenet = trainModel('densenet121', join(work, 'densenet121'));
    const card = JSON.parse(readFileSync(densenet, 'utf8')) as { id: string; version: string; file: string };
    await openApp(page);
    await page.getByTestId('model-input').setInputFiles([densenet, join(work, 'densenet121', card.file)]);
    await expect(page.getByTestId('backend')).toContainText(`${card.id} v${card.version}`, { timeout: 300_000 });
    await pickFiles(page, [fixture('clip-8s-vp9.webm')]);
    await waitForStatus(page, 'clip-8s-vp9.webm', 'done', 300_000);
    await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('film-model')).toHaveText(`${card.id} v${card.version}`);
    await page.screenshot({ path: info.outputPath('byo-densenet.png') });

    // Removed, then dropped again together with a film: the film waits for the model and uses it.
    const key = `${card.id}@${card.version}`;
    await modelOption(page, key).getByTestId('remove-model').click();
    await modelOption(page, key).getByTestId('remove-model').click();
    await expect(modelOption(page, key)).toHaveCount(0);
    await expect(modelOption(page, 'default')).toHaveAttribute('data-selected', 'true');
    await dropFiles(page, [densenet, join(work, 'densenet121', card.file), fixture('clip-30s-h264.mp4')]);
    await waitForStatus(page, 'clip-30s-h264.mp4', 'done', 300_000);
    await expect(filmCard(page, 'clip-30s-h264.mp4').getByTestId('film-model')).toHaveText(`${card.id} v${card.version}`);
    await expect(modelOption(page, key)).toHaveAttribute('data-selected', 'true');

    const out = join(work, 'analyze-out');
    const run = await runScript('analyze', [fixture('clip-8s-vp9.webm'), '--model', densenet, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`model ${card.id}@${card.version}`);
    const json = JSON.parse(readFileSync(join(out, 'clip-8s-vp9.shotscale.json'), 'utf8')) as { model: { id: string; version: string }; seconds: unknown[] };
    expect(json.model).toMatchObject({ id: card.id, version: card.version });
    expect(json.seconds).toHaveLength(8);

    const evalRun = await runScript('eval', ['--labels', trainingLabels(join(work, 'densenet121')), '--model', densenet]);
    expect(evalRun.code, evalRun.stderr).toBe(0);
    const summary = JSON.parse(evalRun.stdout.trim().split('\n').pop()!) as { n: number; model: string };
    expect(summary).toMatchObject({ n: 10, model: card.id });

    const bad = await runScript('analyze', [fixture('clip-8s-vp9.webm'), '--model', join(work, 'no-such.card.json'), '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--model: card not found');
  });
});

test('a defective model gets a message naming each defect; nothing is added, the chosen model stays and analyses go on', async ({ page }, info) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'shotscale-bad-models-'));
  try {
    const bad = makeBadModels(dir);
    await openApp(page);
    const badge = (await page.getByTestId('backend').textContent())!;
    for (const [i, m] of bad.entries()) {
      if (i % 2) await dropFiles(page, m.files);
      else await page.getByTestId('model-input').setInputFiles(m.files);
      await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.modelsIdle());
      const problems = page.getByTestId('model-problems');
      await expect(problems, m.what).toBeVisible();
      for (const re of m.says) await expect(problems, m.what).toContainText(re);
      if (m.what === 'input named otherwise') await problems.screenshot({ path: info.outputPath('byo-problems.png') });
      await expect(page.getByTestId('model-option'), m.what).toHaveCount(1);
      await expect(modelOption(page, 'default')).toHaveAttribute('data-selected', 'true');
      await expect(page.getByTestId('backend')).toHaveText(badge);
    }
    await page.screenshot({ path: info.outputPath('byo-refused.png') });
    await analyseFile(page, fixture('clip-8s-vp9.webm'));
    await page.reload();
    await expect(page.getByTestId('backend')).toHaveText(badge, { timeout: 90_000 });
    await expect(page.getByTestId('model-option')).toHaveCount(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
