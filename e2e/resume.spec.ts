import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

const LONG = 'three-hours-4k.mp4';

async function secondsOf(page: import('@playwright/test').Page, name: string): Promise<number> {
  return Number(await filmCard(page, name).getByTestId('timeline').getAttribute('data-seconds'));
}

test('a three-hour 4K file gets a notice, progress with ETA, and can be cancelled keeping its results', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixture(LONG)]);
  const card = filmCard(page, LONG);
  await waitForStatus(page, LONG, 'running');
  await expect(card.getByTestId('film-notice')).toContainText('Long film: 10,800 frames');
  await expect(card.getByTestId('film-notice')).toContainText('3840×2160');
  const progress = card.getByTestId('progress');
  await expect(progress).toContainText('/ 10800 frames');
  await expect(progress).toContainText(/\d+\.\d frames\/s · \d+:\d\d(:\d\d)? left/);
  await expect.poll(() => secondsOf(page, LONG), { timeout: 90_000 }).toBeGreaterThanOrEqual(16);
  await card.getByTestId('cancel').click();
  await waitForStatus(page, LONG, 'cancelled');
  await expect(card.getByTestId('film-error')).toContainText('Analysis cancelled');
  const kept = await secondsOf(page, LONG);
  expect(kept).toBeGreaterThanOrEqual(16);
  expect(kept).toBeLessThan(10800);
  // The next file still works.
  await analyseFile(page, fixture('clip-8s-vp9.webm'));
  expect(await secondsOf(page, LONG)).toBe(kept);
});

test('reload mid-run shows the saved seconds at once, and re-dropping the file resumes', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixture(LONG)]);
  await expect.poll(() => secondsOf(page, LONG), { timeout: 90_000 }).toBeGreaterThanOrEqual(24);
  await page.reload();
  const card = filmCard(page, LONG);
  await expect(card).toHaveAttribute('data-status', 'incomplete');
  await expect(card.getByTestId('film-notice')).toContainText('Drop the file again to resume');
  const saved = await secondsOf(page, LONG);
  expect(saved).toBeGreaterThanOrEqual(24);
  // Saved frames are inspectable after the reload.
  await card.locator('[data-testid=timeline-cell]').first().click();
  await expect(page.getByTestId('frame')).toBeVisible();
  await expect(page.getByTestId('heatmap')).toBeVisible();

  await pickFiles(page, [fixture(LONG)]);
  await expect(filmCard(page, LONG)).toHaveCount(1, { timeout: 60_000 });
  await waitForStatus(page, LONG, 'running');
  await expect(filmCard(page, LONG).getByTestId('film-notice')).toContainText(`Restored ${saved} of 10800 seconds`);
  await expect.poll(() => secondsOf(page, LONG), { timeout: 90_000 }).toBeGreaterThan(saved + 8);
  await filmCard(page, LONG).getByTestId('cancel').click();
  await waitForStatus(page, LONG, 'cancelled');
});

test('a finished analysis reopens complete after a reload, and re-dropping shows it without re-running', async ({ page }) => {
  await openApp(page);
  await analyseFile(page, fixture('clip-8s-vp9.webm'));
  await page.reload();
  await expect(filmCard(page, 'clip-8s-vp9.webm')).toHaveAttribute('data-status', 'done');
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '8');
  await pickFiles(page, [fixture('clip-8s-vp9.webm')]);
  // The restored entry gives way to the new drop once the file is recognised.
  await expect(filmCard(page, 'clip-8s-vp9.webm')).toHaveCount(1);
  await waitForStatus(page, 'clip-8s-vp9.webm', 'done');
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('film-notice')).toContainText('Restored 8 of 8 seconds');
});
