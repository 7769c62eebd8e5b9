import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { parseCsv } from '../src/shared/exports/testSupport';
import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles } from './helpers';
import { expect, test } from './test';

// Correcting a film's shots as a reviewer does, keyboard first: set scales by key and by menu,
// split, merge, undo/redo, accept, unsure shots; the corrections reach the statistics and every
// export and survive a reload.

const NAME = 'edit-3-shots.mp4';

async function download(page: Page, button: Locator): Promise<string> {
  const file = page.waitForEvent('download');
  await button.click();
  return readFileSync(await (await file).path()).toString();
}

test('correct shots by key and menu, split, merge, undo/redo, accept; exports and reload keep the corrections', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openApp(page);
  await analyseFile(page, fixture(NAME));
  const card = filmCard(page, NAME);
  const blocks = card.getByTestId('shot-block');
  const review = card.getByTestId('review');
  await expect(blocks).toHaveCount(3);
  const modelScale2 = (await blocks.nth(1).getAttribute('data-scale'))!;

  await test.step('with nothing selected, N starts a keyboard review at an unsure shot', async () => {
    await expect(review).toHaveCount(0);
    await page.keyboard.press('n');
    await expect(review).toHaveAttribute('data-shot', /^[123]$/);
  });

  await test.step('a digit key sets the selected shot’s scale; the shot looks corrected and the statistics count it', async () => {
    await blocks.nth(0).click();
    await expect(review).toHaveAttribute('data-shot', '1');
    await expect(card.getByTestId('stat-corrected')).toHaveText('0');
    await page.keyboard.press('2');
    await expect(blocks.nth(0)).toHaveAttribute('data-scale', 'CU');
    await expect(blocks.nth(0)).toHaveAttribute('data-corrected', 'true');
    await expect(blocks.nth(0)).toHaveClass(/shot-corrected/);
    await expect(card.getByTestId('stat-corrected')).toHaveText('1');
  });

  await test.step('↓ goes to the next shot; the menu sets its scale; Ctrl+Z undoes it and Ctrl+Y redoes it', async () => {
    await page.keyboard.press('ArrowDown');
    await expect(review).toHaveAttribute('data-shot', '2');
    const other = modelScale2 === 'MCU' ? 'ECU' : 'MCU';
    await review.getByTestId('review-scale').selectOption(other);
    await expect(blocks.nth(1)).toHaveAttribute('data-scale', other);
    await expect(blocks.nth(1)).toHaveAttribute('data-corrected', 'true');
    await page.keyboard.press('Control+z');
    await expect(blocks.nth(1)).toHaveAttribute('data-scale', modelScale2);
    await expect(blocks.nth(1)).not.toHaveAttribute('data-corrected', 'true');
    await page.keyboard.press('Control+y');
    await expect(blocks.nth(1)).toHaveAttribute('data-scale', other);
    await page.keyboard.press('Control+Shift+z');
    await expect(review.getByTestId('review-note')).toHaveText('Nothing to redo.');
    await page.keyboard.press('Control+z');
    await expect(blocks.nth(1)).toHaveAttribute('data-scale', modelScale2);
  });

  await test.step('S splits the shot at the selected second; M merges it back; the split frame can be typed too', async () => {
    await page.keyboard.press('ArrowDown');
    await expect(review).toHaveAttribute('data-shot', '3');
    // Shot 3 holds frames 132–215 (5.5–9 s); the second nearest its middle is at 7.5 s, frame 180.
    await page.keyboard.press('s');
    await expect(blocks).toHaveCount(4);
    await expect(blocks.nth(3)).toHaveAttribute('data-start-frame', '180');
    await expect(blocks.nth(2)).toHaveAttribute('data-corrected', 'true');
    await expect(blocks.nth(3)).toHaveAttribute('data-corrected', 'true');
    await page.keyboard.press('m');
    await expect(blocks).toHaveCount(3);
    await review.getByTestId('review-split-frame').fill('150');
    await page.keyboard.press('s');
    await expect(blocks, 'S typed into the frame field is not a key').toHaveCount(3);
    await review.getByTestId('review-split').click();
    await expect(blocks).toHaveCount(4);
    await expect(blocks.nth(3)).toHaveAttribute('data-start-frame', '150');
    await expect(card.getByTestId('stat-shots')).toHaveText('4');
  });

  await test.step('Enter accepts a shot and moves on; N finds the unsure shots left', async () => {
    await blocks.nth(1).click();
    await page.keyboard.press('Enter');
    await expect(blocks.nth(1)).toHaveAttribute('data-reviewed', 'true');
    await expect(review).toHaveAttribute('data-shot', '3');
    await expect(review.getByTestId('review-counts')).toHaveAttribute('data-reviewed', '4');
    await page.keyboard.press('n');
    await expect(review.getByTestId('review-note')).toHaveText('No low-confidence shot left to review in this film.');
  });

  await test.step('the exports carry the corrected scales and flags', async () => {
    const csv = parseCsv(await download(page, card.locator('[data-kind="shots.csv"]')));
    const header = csv[0];
    const rows = csv.slice(1);
    expect(rows.map((r) => r[header.indexOf('scale')])[0]).toBe('CU');
    expect(rows.map((r) => r[header.indexOf('corrected')])).toEqual(['true', 'false', 'true', 'true']);
    const chapters = await download(page, card.locator('[data-kind="chapters.txt"]'));
    expect(chapters).toContain('title=Shot 1: CU Close-up (corrected)');
    const json = JSON.parse(await download(page, card.locator('[data-kind="json"]')));
    expect(json.stats.correctedCount).toBe(3);
    expect(json.shots[0]).toMatchObject({ scale: 'CU', corrected: true, confidence: 1 });
    const edl = await download(page, card.locator('[data-kind="edl"]'));
    expect(edl).toMatch(/corrected \|C:ResolveColor\w+ \|M:Shot 1 CU /);
    const srt = await download(page, card.locator('[data-kind="srt"]'));
    expect(srt).toContain('CU · Close-up (corrected)');
  });

  await page.screenshot({ path: test.info().outputPath('review.png') });

  await test.step('after a reload the saved analysis comes back with its corrections', async () => {
    await page.reload();
    const restored = page.locator('[data-testid=film]').first();
    await expect(restored).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const again = restored.getByTestId('shot-block');
    await expect(again).toHaveCount(4);
    await expect(again.nth(0)).toHaveAttribute('data-scale', 'CU');
    await expect(again.nth(0)).toHaveAttribute('data-corrected', 'true');
    await expect(again.nth(3)).toHaveAttribute('data-start-frame', '150');
    await expect(again.nth(1)).toHaveAttribute('data-reviewed', 'true');
    await expect(restored.getByTestId('stat-corrected')).toHaveText('3');
  });

  await test.step('analysing the same file again (a new analysis) keeps the corrections: they belong to the file', async () => {
    await page.getByTestId('rate').selectOption('2');
    await pickFiles(page, [fixture(NAME)]);
    const cards = page.locator(`[data-testid=film][data-name="${NAME}"]`);
    await expect(cards).toHaveCount(2);
    const fresh = cards.nth(1);
    await expect(fresh).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
    await expect(fresh.getByTestId('shot-block')).toHaveCount(4);
    await expect(fresh.getByTestId('shot-block').nth(0)).toHaveAttribute('data-scale', 'CU');
  });
});

test('apply to the rest of this film: learns from five corrected shots, re-labels the others, reverts', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openApp(page);
  const name = 'edit-8-shots.mp4';
  await analyseFile(page, fixture(name));
  const card = filmCard(page, name);
  const blocks = card.getByTestId('shot-block');
  await expect(blocks).toHaveCount(8);
  const modelScales = await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-scale')));
  // The reviewer says the first five shots are all close-ups (the model sees something else).
  const target = modelScales.every((s) => s !== 'CU') ? 'CU' : 'ECU';
  const key = target === 'CU' ? '2' : '1';
  await blocks.nth(0).click();
  const adapt = card.getByTestId('review-adapt');
  for (let i = 0; i < 5; i++) {
    await expect(card.getByTestId('review')).toHaveAttribute('data-shot', String(i + 1));
    if (i < 4) await expect(adapt).toBeDisabled();
    await page.keyboard.press(key);
    await page.keyboard.press('ArrowDown');
  }
  await expect(adapt).toBeEnabled();
  await adapt.click();
  const adapted = card.getByTestId('review-adapted');
  await expect(adapted).toContainText('shots re-labelled from 5 of yours');
  const changed = Number(await adapted.getAttribute('data-changed'));
  await expect(card.getByTestId('review-note')).toContainText(`Learnt from 5 corrected or accepted shots: ${changed} of 3 other shots changed scale`);
  // Exactly the shots counted changed scale; none of them is marked as the user's.
  const after = await blocks.evaluateAll((els) => els.map((e) => [e.getAttribute('data-scale'), e.getAttribute('data-corrected')]));
  expect(after.slice(0, 5).map(([s]) => s)).toEqual(Array(5).fill(target));
  expect(after.slice(5).filter(([s], i) => s !== modelScales[5 + i]).length).toBe(changed);
  expect(after.slice(5).every(([, c]) => c === null)).toBe(true);
  await expect(card.getByTestId('stat-corrected')).toHaveText('5');
  await page.screenshot({ path: test.info().outputPath('adapt.png') });
  await card.getByTestId('review-revert').click();
  await expect(adapted).toHaveCount(0);
  for (let i = 5; i < 8; i++) await expect(blocks.nth(i)).toHaveAttribute('data-scale', modelScales[i]!);
  await page.keyboard.press('Control+z');
  await expect(adapted).toBeVisible();
  await expect(adapted).toHaveAttribute('data-changed', String(changed));
});
