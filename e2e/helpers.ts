import { expect, type Page } from '@playwright/test';

/** Opens the app and waits until the model has loaded. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 90_000 });
}

/** Picks files with the app's file input (the "choose files" button). */
export async function pickFiles(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths);
}

/** The card of the film with this file name. */
export function filmCard(page: Page, name: string) {
  return page.locator(`[data-testid=film][data-name="${name}"]`);
}

/** Picks one file and waits until its analysis is done; its film card. */
export async function analyseFile(page: Page, path: string) {
  await pickFiles(page, [path]);
  const name = path.slice(path.lastIndexOf('/') + 1);
  await waitForStatus(page, name, 'done');
  return filmCard(page, name);
}

/** Waits until a film's analysis has ended with the given status. */
export async function waitForStatus(page: Page, name: string, status: string, timeout = 150_000): Promise<void> {
  await expect(filmCard(page, name)).toHaveAttribute('data-status', status, { timeout });
}

/** Waits until the service worker has precached and controls the page; returns the cached paths. */
export async function precachedPaths(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  return page.evaluate(async () => {
    const cache = await caches.open('shotscale-precache');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
}

/** Deletes the app's IndexedDB database (the app's open connection gives way) and reloads: a fresh browser. */
export async function clearStorage(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.deleteDatabase('shotscale');
        r.onsuccess = () => resolve();
        r.onerror = () => reject(r.error);
      }),
  );
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 90_000 });
}
