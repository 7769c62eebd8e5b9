import type { Page } from '@playwright/test';
import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// Nothing lost under faults: storage that refuses writes, and workers that die mid-film.

/** Seconds on a film's timeline. */
async function seconds(page: Page, name: string): Promise<number> {
  return Number(await filmCard(page, name).getByTestId('timeline').getAttribute('data-seconds'));
}

test.describe('storage full', () => {
  // Without the service worker's 90 MB precache the quota below is about IndexedDB alone.
  test.use({ serviceWorkers: 'block' });

  test('a clear message, the analysis goes on in memory, earlier saves stay intact', async ({ page, context, baseURL }) => {
    // Chromium fixes an origin's quota when the app first opens its database: set it before, on a
    // page of the origin that opens none. About 350 kB holds the
    // 8-second film's results, not the 30-second one's as well.
    await page.goto('./manifest.webmanifest');
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseURL!).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 350_000 });
    await openApp(page);
    await analyseFile(page, fixture('clip-8s-vp9.webm'));
    await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('film-warning')).toHaveCount(0);

    console.log('storage after the first film:', JSON.stringify(await page.evaluate(() => navigator.storage.estimate())));
    await analyseFile(page, fixture('clip-30s-h264.mp4'));
    console.log('storage after the second film:', JSON.stringify(await page.evaluate(() => navigator.storage.estimate())));
    const warning = filmCard(page, 'clip-30s-h264.mp4').getByTestId('film-warning');
    await expect(warning).toContainText('Browser storage is full');
    await expect(warning).toContainText(/not saved/);
    await expect(warning).toContainText('clip-8s-vp9.webm');
    await expect(warning).toContainText(/Delete saved/);
    // Every second was analysed and is shown, from memory.
    expect(await seconds(page, 'clip-30s-h264.mp4')).toBe(30);
    await page.screenshot({ path: 'test-results/storage-full.png', fullPage: true });

    // After a reload the earlier film is whole and its frames load; the film that met the full disk
    // kept what fit and says it is incomplete.
    await page.reload();
    await expect(filmCard(page, 'clip-8s-vp9.webm')).toHaveAttribute('data-status', 'done');
    expect(await seconds(page, 'clip-8s-vp9.webm')).toBe(8);
    await filmCard(page, 'clip-8s-vp9.webm').locator('[data-testid=timeline-cell]').nth(5).click();
    await expect(page.getByTestId('inspector').locator('img').first()).toBeVisible();
    const partial = filmCard(page, 'clip-30s-h264.mp4');
    if ((await partial.count()) > 0) {
      await expect(partial).toHaveAttribute('data-status', 'incomplete');
      expect(await seconds(page, 'clip-30s-h264.mp4')).toBeLessThan(30);
      // Deleting it (two clicks: delete, confirm) removes it from this browser.
      await partial.getByTestId('delete-saved').click();
      await partial.getByTestId('delete-saved').click();
      await expect(partial).toHaveCount(0);
      await page.reload();
      await expect(filmCard(page, 'clip-8s-vp9.webm')).toHaveAttribute('data-status', 'done');
      await expect(filmCard(page, 'clip-30s-h264.mp4')).toHaveCount(0);
    }
  });
});

/** Waits until a film has some results, then runs `kill` on the named worker. */
async function killWhileRunning(page: Page, name: string, worker: string, kill: () => void): Promise<void> {
  await expect.poll(() => seconds(page, name).catch(() => 0), { timeout: 120_000 }).toBeGreaterThan(2);
  const w = page.workers().find((x) => x.url().includes(worker));
  expect(w, `${worker} worker`).toBeTruthy();
  await w!.evaluate(kill).catch(() => undefined);
}

for (const [worker, how, kill] of [
  ['decode.worker', 'is killed (never answers again)', () => self.close()],
  ['infer.worker', 'throws an uncaught error (as wasm out of memory does)', () => setTimeout(() => {
    throw new RangeError('WebAssembly.Memory(): could not allocate memory (injected by the test)');
  })],
] as const) {
  test(`the ${worker} ${how}: that film fails with a message, the others go on, no reload needed`, async ({ page }) => {
    await openApp(page);
    await pickFiles(page, [fixture('clip-30s-h264.mp4'), fixture('clip-8s-vp9.webm')]);
    await killWhileRunning(page, 'clip-30s-h264.mp4', worker, kill);
    // A call in flight when the worker died fails the film with a message; a worker that died
    // between calls is replaced and the film goes on. Either way nothing hangs or is lost.
    await expect(filmCard(page, 'clip-30s-h264.mp4')).toHaveAttribute('data-status', /^(error|done)$/, { timeout: 90_000 });
    const card = filmCard(page, 'clip-30s-h264.mp4');
    if ((await card.getAttribute('data-status')) === 'error') await expect(card.getByTestId('film-error')).toContainText('Part of the analysis stopped working');
    else expect(await seconds(page, 'clip-30s-h264.mp4')).toBe(30);
    // Seconds analysed before the crash are kept.
    expect(await seconds(page, 'clip-30s-h264.mp4')).toBeGreaterThan(2);
    // The next film in the queue runs in a fresh worker.
    await waitForStatus(page, 'clip-8s-vp9.webm', 'done');
    expect(await seconds(page, 'clip-8s-vp9.webm')).toBe(8);
    // And the failed film, dropped again, resumes and completes.
    await pickFiles(page, [fixture('clip-30s-h264.mp4')]);
    await expect.poll(() => page.locator('[data-testid=film][data-name="clip-30s-h264.mp4"][data-status=done]').count(), { timeout: 150_000 }).toBe(1);
  });
}
