import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

const CASES: [file: string, title: RegExp, detail: RegExp][] = [
  ['not-a-video.mp4', /not a video file/i, /plain text/i],
  ['zero-bytes.mp4', /empty \(0 bytes\)/i, /nothing to analyse/i],
  ['audio-only.mp4', /no video track/i, /audio/i],
  ['prores.mov', /cannot decode the video codec/i, /ProRes/],
  ['mpeg2.mkv', /cannot decode the video codec/i, /MPEG-2/],
  ['mpeg2-program-stream.mpg', /unsupported container/i, /MPEG program stream.*ffmpeg -i/],
  ['mpeg2-broadcast.ts', /cannot decode the video codec/i, /MPEG-2 video.*ffmpeg -i in -c:v libx264 out\.mp4/],
  ['no-idr-capture.ts', /cannot decode the video codec/i, /no key frame this browser can start decoding from.*ffmpeg -i in -c:v libx264 out\.mp4/],
  ['hevc.mp4', /cannot decode the video codec/i, /HEVC/],
  ['no-frames.mp4', /no usable duration|no video track|truncated/i, /.+/],
  ['truncated-moov-missing.mp4', /truncated or damaged/i, /.+/],
];

test('every kind of bad input gets a clear message; saved results stay; the next drop works', async ({ page }) => {
  await openApp(page);
  await analyseFile(page, fixture('clip-8s-vp9.webm'));

  await pickFiles(page, CASES.map(([f]) => fixture(f)));
  for (const [file, title, detail] of CASES) {
    await waitForStatus(page, file, 'error');
    const message = filmCard(page, file).getByTestId('film-error');
    await expect(message, file).toContainText(title);
    await expect(message, file).toContainText(detail);
  }
  await page.screenshot({ path: 'test-results/bad-input.png', fullPage: true });
  // The good analysis is untouched and the app still works.
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '8');
  await analyseFile(page, fixture('clip-30s-h264.mp4'));
  await page.reload();
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '8');
  await expect(filmCard(page, 'clip-30s-h264.mp4').getByTestId('timeline')).toHaveAttribute('data-seconds', '30');
});

test('a file truncated mid-stream keeps what was read: done, with the missing end marked unreadable', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixture('truncated-faststart.mp4')]);
  await waitForStatus(page, 'truncated-faststart.mp4', 'done');
  const card = filmCard(page, 'truncated-faststart.mp4');
  await expect(card.getByTestId('film-warning')).toContainText(/could not be read.*data ends at/);
  await expect(card.locator('[data-testid="shot-block"][data-scale="unreadable"]')).toHaveCount(1);
  const kept = Number(await card.getByTestId('timeline').getAttribute('data-seconds'));
  expect(kept).toBeGreaterThan(2);
  expect(kept).toBeLessThan(20);
});
