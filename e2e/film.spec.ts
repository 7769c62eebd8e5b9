import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

/** The Tears of Steel excerpts in ../shared (CC BY 3.0); never copied into the repository. */
const CLIPS = join(import.meta.dirname, '..', '..', 'shared', 'data', 'clips');
const CLIP_B = 'tears-of-steel-b-640x360.mp4';

test.skip(!existsSync(join(CLIPS, CLIP_B)), 'needs ../shared/data/clips');

test('a real film: the inspector shows the skeleton, face boxes and why', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [join(CLIPS, CLIP_B)]);
  await waitForStatus(page, CLIP_B, 'done');
  const cells = filmCard(page, CLIP_B).locator('[data-testid=timeline-cell]');
  await expect(cells).toHaveCount(9);
  // Second 4: an old man standing, thighs up (accepted MS|MLS).
  await cells.nth(4).click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByTestId('skeleton').first()).toBeVisible();
  expect(await inspector.locator('[data-testid=skeleton] line').count()).toBeGreaterThan(4);
  await expect(inspector.getByTestId('why')).toContainText(/bottom edge cuts at|whole figure/);
  await expect(inspector.getByTestId('why')).toContainText('CNN');
  await inspector.getByTestId('show-subjects').uncheck();
  await expect(inspector.getByTestId('subject-overlay')).toHaveCount(0);
  // Second 7: black between title cards.
  await cells.nth(7).click();
  await expect(inspector.getByTestId('inspector-label')).toContainText('NA');
  await expect(inspector.getByTestId('why')).toContainText('blank or title frame');
  await page.screenshot({ path: 'test-results/film.png', fullPage: true });
});
