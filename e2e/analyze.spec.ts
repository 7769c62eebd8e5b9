import { readFileSync } from 'node:fs';
import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

test('a 30 s clip gives 30 results, a timeline, a distribution and an inspectable heatmap', async ({ page, requests }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await pickFiles(page, [fixture('clip-30s-h264.mp4')]);
  const card = filmCard(page, 'clip-30s-h264.mp4');
  await waitForStatus(page, 'clip-30s-h264.mp4', 'done');
  const timeline = card.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-seconds', '30');
  const cells = timeline.locator('[data-testid=timeline-cell]');
  await expect(cells).toHaveCount(30);
  // The clip ends with 5 s of black: those seconds are NA, the pattern before is not.
  for (let i = 25; i < 30; i++) await expect(cells.nth(i)).toHaveAttribute('data-label', 'NA');
  for (let i = 0; i < 25; i++) await expect(cells.nth(i)).not.toHaveAttribute('data-label', 'NA');
  await expect(card.getByTestId('distribution')).toContainText('17%');

  // Hover shows the time and the top-3 probabilities.
  await cells.nth(3).hover();
  const tooltip = page.getByTestId('timeline-tooltip');
  await expect(tooltip).toContainText('0:03.5');
  await expect(tooltip.locator('div')).toHaveCount(4);

  // Click selects a second: frame, heatmap, probabilities.
  await cells.nth(3).click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toHaveAttribute('data-index', '3');
  await expect(inspector.getByTestId('inspector-time')).toHaveText('0:03.5');
  const frame = inspector.getByTestId('frame');
  await expect(frame).toBeVisible();
  expect(await frame.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  const heatmap = inspector.getByTestId('heatmap');
  await expect(heatmap).toBeVisible();
  // The heatmap is drawn: some of its pixels are not transparent.
  const painted = await heatmap.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n / (d.length / 4);
  });
  expect(painted).toBeGreaterThan(0.5);
  // Opacity slider and class switch change what is drawn.
  await inspector.getByTestId('opacity').fill('0.2');
  await expect(heatmap).toHaveCSS('opacity', '0.2');
  const before = await heatmap.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const classLabels = inspector.getByRole('group', { name: 'Heatmap for' }).locator('[aria-pressed]');
  const classes = await classLabels.count();
  expect(classes).toBe(5);
  let changed = false;
  for (let i = 0; i < classes && !changed; i++) {
    await classLabels.nth(i).click();
    changed = (await heatmap.evaluate((c: HTMLCanvasElement) => c.toDataURL())) !== before;
  }
  expect(changed).toBe(true);
  // The class buttons are reachable from the keyboard and say which one is shown.
  await classLabels.nth(0).focus();
  await page.keyboard.press('Enter');
  await expect(classLabels.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(classLabels.nth(1)).toHaveAttribute('aria-pressed', 'false');
  const probs = inspector.getByTestId('probs').locator('tr');
  await expect(probs).toHaveCount(8);

  // Arrow keys step through seconds.
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toHaveAttribute('data-index', '4');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(inspector).toHaveAttribute('data-index', '2');
  await expect(inspector.getByTestId('inspector-time')).toHaveText('0:02.5');

  // Exports carry the same results, each second placed in its shot.
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Seconds CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('film,t,timecode,frame,shot,class,p_ECU,p_CU,p_MCU,p_MS,p_MLS,p_LS,p_ELS,p_NA');
  expect(csv).toHaveLength(31);
  expect(csv[30].split(',')[5]).toBe('NA');
  await page.screenshot({ path: 'test-results/analyze.png', fullPage: true });
  expect(requests.some((u) => u.endsWith('.onnx'))).toBe(true);
});

test('several files dropped at once are analysed one after another, VP9 WebM included', async ({ page }) => {
  await openApp(page);
  // A real drop event carrying two files, as a user's drag from the file manager makes it.
  const files = ['clip-8s-vp9.webm', 'clip-30s-h264.mp4'].map((name) => ({ name, b64: readFileSync(fixture(name)).toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, files);
  await waitForStatus(page, 'clip-8s-vp9.webm', 'done');
  await waitForStatus(page, 'clip-30s-h264.mp4', 'done');
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '8');
  await expect(filmCard(page, 'clip-8s-vp9.webm')).toContainText('VP9');
  await expect(filmCard(page, 'clip-30s-h264.mp4').getByTestId('timeline')).toHaveAttribute('data-seconds', '30');
});

test('sampling rate is configurable: 2 frames/s gives 16 results for 8 s', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('rate').selectOption('2');
  await analyseFile(page, fixture('clip-8s-vp9.webm'));
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '16');
});
