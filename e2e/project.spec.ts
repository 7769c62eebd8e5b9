import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { fixture } from './fixtures';
import { analyseFile, clearStorage, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// Projects: save every analysis with its corrections as one .shotscale.json, clear the browser's
// storage (another machine), open the file: the analysis shows at once; drop the video: frames and
// heatmaps come back. Bad project files get a clear message and touch nothing saved.

const NAME = 'edit-3-shots.mp4';

/** Drops a file made in the page (name, text) on the window, as a user's drag and drop does. */
async function dropText(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n, { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
}

test('project round trip: save, clear storage, open (analysis at once), drop the video (frames back); bad files refused', async ({ page }) => {
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openApp(page);
  await analyseFile(page, fixture(NAME));
  const card = filmCard(page, NAME);
  const blocks = card.getByTestId('shot-block');
  await blocks.nth(0).click();
  await page.keyboard.press('2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await card.getByTestId('review-split-frame').fill('150');
  await card.getByTestId('review-split').click();
  await expect(blocks).toHaveCount(4);

  let projectText = '';
  await test.step('Save project downloads one .shotscale.json with the film, seconds, cuts, shots, corrections, model and app version', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('project-save').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('edit-3-shots.shotscale.json');
    projectText = readFileSync(await file.path()).toString();
    const project = JSON.parse(projectText);
    expect(project).toMatchObject({ format: 'shotscale-project', version: 1, app: { name: 'Shotscale', version: expect.any(String) } });
    expect(project.films).toHaveLength(1);
    const film = project.films[0];
    expect(film.analysis.info).toMatchObject({ name: NAME, fingerprint: expect.any(String) });
    expect(film.analysis.modelId).toMatch(/@/);
    expect(film.analysis.cuts.frameCount).toBe(216);
    expect(film.seconds.length).toBeGreaterThanOrEqual(9);
    expect(film.corrections).toMatchObject({ scales: { 0: 'CU' }, splits: [150] });
    expect(film.shots.map((s: { scale: string; corrected: boolean }) => s.corrected)).toEqual([true, false, true, true]);
    await expect(page.getByTestId('project-message')).toContainText('Project saved');
  });

  await test.step('on a fresh browser, opening the project shows the analysis at once, with its corrections', async () => {
    await clearStorage(page);
    await expect(page.getByTestId('film')).toHaveCount(0);
    await page.getByTestId('project-input').setInputFiles({ name: 'edit-3-shots.shotscale.json', mimeType: 'application/json', buffer: Buffer.from(projectText) });
    await expect(page.getByTestId('project-message')).toContainText('Opened “edit-3-shots.shotscale.json”');
    await expect(page.getByTestId('project-message')).toContainText('Drop the videos');
    await waitForStatus(page, NAME, 'done', 10_000);
    await expect(blocks).toHaveCount(4);
    await expect(blocks.nth(0)).toHaveAttribute('data-scale', 'CU');
    await expect(blocks.nth(0)).toHaveAttribute('data-corrected', 'true');
    await expect(card.getByTestId('film-notice')).toContainText(`Drop “${NAME}” to bring back its frames and heatmaps`);
    await blocks.nth(1).click();
    await expect(page.getByTestId('inspector-label')).toBeVisible();
    await expect(page.getByTestId('frame')).toHaveCount(0);
    await page.getByTestId('library-toggle').click();
    const row = page.getByTestId('library-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('from a project (no frames)');
    await expect(page.getByTestId('storage-quota')).toContainText('This site uses');
    await page.screenshot({ path: test.info().outputPath('project-opened.png') });
  });

  await test.step('a damaged file, someone else’s JSON and a newer version each get a clear message; nothing saved changes', async () => {
    const message = page.getByTestId('project-message');
    await page.getByTestId('project-input').setInputFiles({ name: 'cut.shotscale.json', mimeType: 'application/json', buffer: Buffer.from(projectText.slice(0, 400)) });
    await expect(message).toHaveAttribute('data-kind', 'error');
    await expect(message).toContainText('This project file is damaged: “cut.shotscale.json”');
    await dropText(page, 'package.json', readFileSync('package.json').toString());
    await expect(message).toContainText('This is not a Shotscale project: “package.json”');
    const newer = JSON.stringify({ ...JSON.parse(projectText), version: 2, app: { name: 'Shotscale', version: '9.9.9' } });
    await dropText(page, 'newer.shotscale.json', newer);
    await expect(message).toContainText('This project comes from a newer Shotscale');
    await expect(message).toContainText('format 2 (Shotscale 9.9.9)');
    const malformed = JSON.parse(projectText);
    malformed.films[0].seconds[3].probs = 'lots';
    await dropText(page, 'edited.shotscale.json', JSON.stringify(malformed));
    await expect(message).toContainText('Film 1: second 4 is malformed');
    await page.screenshot({ path: test.info().outputPath('project-bad-file.png') });
    await expect(page.getByTestId('film')).toHaveCount(1);
    await expect(blocks.nth(0)).toHaveAttribute('data-scale', 'CU');
    await expect(page.getByTestId('library-row')).toHaveCount(1);
    // Opening the same project again keeps what is saved as it is.
    await page.getByTestId('project-input').setInputFiles({ name: 'again.shotscale.json', mimeType: 'application/json', buffer: Buffer.from(projectText) });
    await expect(message).toContainText('Already saved in this browser, kept as it was: “edit-3-shots.mp4”');
    await expect(page.getByTestId('film')).toHaveCount(1);
  });

  await test.step('dropping the video re-links it by fingerprint: frames and heatmaps come back, corrections stay', async () => {
    await pickFiles(page, [fixture(NAME)]);
    await expect(page.getByTestId('film-notice').filter({ hasText: 'Opened from a project: analysing the video again' })).toBeVisible();
    await expect(page.getByTestId('film')).toHaveCount(1);
    await waitForStatus(page, NAME, 'done');
    await expect(blocks).toHaveCount(4);
    await expect(blocks.nth(0)).toHaveAttribute('data-scale', 'CU');
    await blocks.nth(1).click();
    await expect(page.getByTestId('frame')).toBeVisible();
    await expect(page.getByTestId('heatmap')).toBeVisible();
    await page.getByTestId('library-toggle').click();
    await page.getByTestId('library-toggle').click();
    await expect(page.getByTestId('library-row')).toContainText('complete');
  });

  await test.step('the library deletes an analysis and its corrections; the storage estimate stays on show', async () => {
    const row = page.getByTestId('library-row');
    await expect(row.getByTestId('library-size')).not.toHaveText('0 B');
    await row.getByTestId('library-delete').click();
    await row.getByTestId('library-delete').click();
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('film')).toHaveCount(0);
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const r = indexedDB.open('shotscale');
          r.onsuccess = () => {
            const c = r.result.transaction('corrections').objectStore('corrections').count();
            c.onsuccess = () => resolve(c.result);
          };
        }),
    );
    expect(left).toBe(0);
  });
});
