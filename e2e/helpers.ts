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

/** Waits until a film's analysis has ended with the given status. */
export async function waitForStatus(page: Page, name: string, status: string, timeout = 150_000): Promise<void> {
  await expect(filmCard(page, name)).toHaveAttribute('data-status', status, { timeout });
}
