import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { SCALE_DEFINITIONS } from '../src/shared/taxonomy';
import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// Issue 12: the player beside the timeline, the legend, progress stages, errors in view, order and
// selection after a reload, re-linking the file, keyboard-only use, accessibility, and screenshots of
// each view at 1440×900 and 1280×720.

const SHORT = 'clip-8s-vp9.webm';
const LONG = 'clip-30s-h264.mp4';
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** Screenshots of the page at both sizes into the test's output, attached to its report. */
async function shootViews(page: Page, testInfo: TestInfo, view: string): Promise<void> {
  const original = page.viewportSize();
  for (const vp of VIEWPORTS) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(300);
    const path = testInfo.outputPath(`${view}-${vp.width}x${vp.height}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${view} ${vp.width}×${vp.height}`, { path, contentType: 'image/png' });
  }
  if (original) await page.setViewportSize(original);
}

/** axe-core's serious and critical findings on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function videoTime(page: Page): Promise<number> {
  return page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.currentTime);
}

test('the player: clicking the timeline seeks it, playing moves the timeline, J/K/L, frame step, overlays when paused', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await openApp(page);
  await shootViews(page, testInfo, 'empty');
  expect(await seriousViolations(page)).toEqual([]);
  await analyseFile(page, fixture(SHORT));
  const card = filmCard(page, SHORT);
  const inspector = page.getByTestId('inspector');
  const player = page.getByTestId('player');

  await test.step('hovering the timeline shows the frame under the pointer', async () => {
    await card.getByTestId('timeline-cell').nth(6).hover();
    const thumb = page.getByTestId('timeline-tooltip').getByTestId('hover-thumb');
    await expect(thumb).toHaveAttribute('data-index', '6');
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  });

  await test.step('clicking a second seeks the player to that analysed frame', async () => {
    await card.getByTestId('timeline-cell').nth(2).click();
    await expect(inspector).toHaveAttribute('data-index', '2');
    await expect(player.getByTestId('player-scale')).toHaveAttribute('data-index', '2');
    await expect.poll(() => videoTime(page)).toBeCloseTo(2.5, 1);
    await expect(player.getByTestId('player-time')).toContainText('0:02.5');
  });

  await test.step('playing moves the selected second (the timeline cursor) with the picture', async () => {
    await page.getByTestId('play').click();
    await expect.poll(async () => Number(await inspector.getAttribute('data-index')), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    const t = await videoTime(page);
    const index = Number(await inspector.getAttribute('data-index'));
    expect(index).toBe(Math.floor(t));
    await expect(player.getByTestId('player-scale')).toHaveAttribute('data-index', String(index));
  });

  await test.step('frame step moves one frame (25 fps) each way', async () => {
    await card.getByTestId('timeline-cell').nth(3).click();
    await expect.poll(() => videoTime(page)).toBeCloseTo(3.5, 1);
    await page.keyboard.press('.');
    await expect.poll(() => videoTime(page)).toBeCloseTo(88.5 / 25, 3);
    await page.keyboard.press(',');
    await page.keyboard.press(',');
    await expect.poll(() => videoTime(page)).toBeCloseTo(86.5 / 25, 3);
  });

  await test.step('L doubles the speed, K stops, J plays backward', async () => {
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await expect(player.getByTestId('player-shuttle')).toHaveText('2× ▶');
    expect(await page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(2);
    await page.keyboard.press('k');
    await expect(player.getByTestId('player-shuttle')).toHaveCount(0);
    const before = await videoTime(page);
    await page.keyboard.press('j');
    await expect(player.getByTestId('player-shuttle')).toHaveText('◀ 1×');
    await expect.poll(() => videoTime(page), { timeout: 5_000 }).toBeLessThan(before - 0.5);
    await page.keyboard.press('k');
  });

  await test.step('paused: the heatmap and the faces/bodies overlay over the picture, at the film’s width', async () => {
    await card.getByTestId('timeline-cell').nth(1).click();
    await player.getByTestId('player-heatmap').check();
    const heat = player.getByTestId('heatmap');
    await expect(heat).toBeVisible();
    expect(await heat.evaluate((c: HTMLCanvasElement) => c.width)).toBe(480);
    await expect(player.getByTestId('player-caption')).toContainText('0:01.5');
    await page.mouse.move(0, 0);
    await shootViews(page, testInfo, 'film-with-player');
    await page.getByTestId('play').click();
    await expect(heat).toHaveCount(0);
    await page.getByTestId('play').click();
  });

  expect(await seriousViolations(page)).toEqual([]);
});

test('legend: each scale’s code and name, its definition on hover and on keyboard focus', async ({ page }) => {
  await openApp(page);
  const legend = page.getByTestId('legend');
  await expect(legend.locator('[data-code]')).toHaveCount(8);
  const cu = legend.locator('[data-code=CU]');
  await expect(cu).toContainText('CU');
  await expect(cu).toContainText('Close-up');
  await expect(cu.getByRole('tooltip')).toBeHidden();
  await cu.hover();
  await expect(cu.getByRole('tooltip')).toBeVisible();
  await expect(cu.getByRole('tooltip')).toHaveText(SCALE_DEFINITIONS.CU);
  await page.mouse.move(0, 0);
  await expect(cu.getByRole('tooltip')).toBeHidden();
  const ms = legend.locator('[data-code=MS]');
  await ms.focus();
  await expect(ms.getByRole('tooltip')).toBeVisible();
  await expect(ms.getByRole('tooltip')).toHaveText(SCALE_DEFINITIONS.MS);
  await expect(ms).toHaveAttribute('aria-describedby', 'legend-MS');
});

test('progress names its stage from the first moment and gives frames/s after warm-up', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  // Every stage the progress bar shows, in order, recorded by the page itself.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { stagesSeen: string[] }).stagesSeen = seen;
    new MutationObserver(() => {
      for (const el of Array.from(document.querySelectorAll('[data-testid=progress]'))) {
        const stage = el.getAttribute('data-stage') ?? '';
        const text = el.textContent ?? '';
        if (seen.at(-1) !== stage) seen.push(stage);
        if (/starting/i.test(text)) seen.push(`bad text: ${text}`);
        // The rate may show for under a second on a short clip: the observer sees every render, polling might not.
        if (/\d+\.\d frames\/s/.test(text)) (window as unknown as { rateSeen: string }).rateSeen = text;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await pickFiles(page, [fixture(LONG)]);
  const progress = filmCard(page, LONG).getByTestId('progress');
  await expect(progress).toHaveAttribute('data-stage', /model|opening|decoding|analysing/, { timeout: 2_000 });
  await expect(progress.getByTestId('progress-text')).toContainText(/Loading the model|Opening the file|Decoding the first frames|Analysing/, { timeout: 2_000 });
  await waitForStatus(page, LONG, 'done');
  const stages = await page.evaluate(() => (window as unknown as { stagesSeen: string[] }).stagesSeen);
  // Frames per second appear once warm-up is over (from the second batch on), before the film is done.
  expect(await page.evaluate(() => (window as unknown as { rateSeen?: string }).rateSeen)).toMatch(/\d+\.\d frames\/s/);
  expect(stages.filter((s) => s.startsWith('bad'))).toEqual([]);
  // A film is 'waiting' only until the queue reaches it (at once, for the first one).
  expect(['model', 'opening']).toContain(stages.filter((s) => s !== 'waiting')[0]);
  expect(stages).toContain('analysing');
  expect(stages.indexOf('opening')).toBeLessThan(stages.indexOf('analysing'));

  // The clip ends in 5 s of black: no subject, so no heatmap over it.
  await filmCard(page, LONG).getByTestId('timeline-cell').nth(28).click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByTestId('inspector-label')).toContainText('NA');
  await expect(inspector.getByTestId('frame')).toBeVisible();
  await expect(inspector.getByTestId('heatmap')).toHaveCount(0);
  await expect(inspector).toContainText('No subject in this frame, so no heatmap.');
});

test('an error is announced and scrolled into view on a laptop screen', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await pickFiles(page, [fixture(LONG), fixture(SHORT), fixture('not-a-video.mp4')]);
  const bad = filmCard(page, 'not-a-video.mp4');
  await waitForStatus(page, 'not-a-video.mp4', 'error', 200_000);
  const alert = bad.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toBeInViewport();
  await shootViews(page, testInfo, 'error');
});

test('films keep drop order after a reload; film and second persist; the player re-links the file by content; compared films share one time scale', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  await pickFiles(page, [fixture(SHORT), fixture(LONG)]);
  await waitForStatus(page, LONG, 'done', 200_000);
  await filmCard(page, SHORT).getByTestId('timeline-cell').nth(5).click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-index', '5');

  await page.reload();
  await expect(page.getByTestId('film')).toHaveCount(2, { timeout: 60_000 });
  expect(await page.getByTestId('film').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual([SHORT, LONG]);
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-index', '5');
  await expect(inspector).toContainText(SHORT);

  const player = page.getByTestId('player');
  await expect(player.getByTestId('player-relink')).toBeVisible();
  await shootViews(page, testInfo, 'after-reload');
  await player.getByTestId('relink-input').setInputFiles(fixture(LONG));
  await expect(player.getByTestId('relink-error')).toContainText(`“${LONG}” is not the file this analysis was made from`);
  await expect(player.getByTestId('player-video')).toHaveCount(0);
  await player.getByTestId('relink-input').setInputFiles(fixture(SHORT));
  await expect(player.getByTestId('player-video')).toBeVisible();
  await expect.poll(() => videoTime(page)).toBeCloseTo(5.5, 1);

  for (const name of [SHORT, LONG]) await filmCard(page, name).getByTestId('compare').check();
  await expect(page.getByTestId('comparison')).toBeVisible();
  const width = (name: string) => filmCard(page, name).getByTestId('lanes').evaluate((e) => e.getBoundingClientRect().width);
  expect((await width(SHORT)) / (await width(LONG))).toBeCloseTo(8 / 30, 1);
  await expect(filmCard(page, SHORT).locator('[data-testid=time-tick][data-end]')).toHaveText('0:08');
  await expect(filmCard(page, LONG).locator('[data-testid=time-tick][data-end]')).toHaveText('0:30');
  await page.mouse.move(0, 0);
  await shootViews(page, testInfo, 'comparison');
  await page.getByTestId('how-it-works').locator('summary').click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard only: choose a file, select and step seconds, play and stop, read the legend', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  const choose = page.getByRole('button', { name: 'choose files…' });
  for (let i = 0; i < 30 && !(await choose.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(fixture(SHORT));
  await waitForStatus(page, SHORT, 'done');
  const timeline = filmCard(page, SHORT).getByTestId('timeline');
  for (let i = 0; i < 60 && !(await timeline.evaluate((t) => t === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(timeline).toBeFocused();
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-index', '0');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toHaveAttribute('data-index', '2');
  await expect.poll(() => videoTime(page)).toBeCloseTo(2.5, 1);
  await page.keyboard.press(' ');
  await expect.poll(async () => Number(await inspector.getAttribute('data-index')), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('k');
  await expect.poll(() => page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  const heat = page.getByTestId('player-heatmap');
  for (let i = 0; i < 80 && !(await heat.evaluate((t) => t === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(heat).toBeFocused();
  await page.keyboard.press(' ');
  await expect(heat).toBeChecked();
  await expect(page.getByTestId('player').getByTestId('heatmap')).toBeVisible();
});
