import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

/** The Tears of Steel excerpt in ../shared (CC BY 3.0); never copied into the repository. */
const CLIP_B = join(import.meta.dirname, '..', '..', 'shared', 'data', 'clips', 'tears-of-steel-b-640x360.mp4');
/** The same clip inside a 4:3 frame with black bars above and below (a 16:9 picture in a 4:3 video). */
const LETTERBOXED = 'tos-b-letterboxed-4x3.mp4';

test.skip(!existsSync(CLIP_B), 'needs ../shared/data/clips');

test('letterbox bars: pose landmarks in the bars do not count, and the why line says what decided', async ({ page }) => {
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, LETTERBOXED);
  if (!existsSync(file)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', CLIP_B, '-vf', 'pad=iw:ih*4/3:0:(oh-ih)/2:black', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-an', file]);
  }
  await openApp(page);
  await pickFiles(page, [file]);
  await waitForStatus(page, LETTERBOXED, 'done');
  const cells = filmCard(page, LETTERBOXED).locator('[data-testid=timeline-cell]');
  await expect(cells).toHaveCount(9);
  const inspector = page.getByTestId('inspector');
  // Seconds 3–5: an old man standing, the picture cut at his upper thighs (MS|MLS); his knees and
  // feet, which MediaPipe places in the bottom bar, are not in the picture.
  for (const second of [3, 4, 5]) {
    await cells.nth(second).click();
    const why = inspector.getByTestId('why');
    await expect(why).toContainText(/bottom edge cuts at/);
    await expect(why).not.toContainText('shins');
    await expect(why).not.toContainText('whole figure');
    const text = (await why.textContent()) ?? '';
    // "agrees" only when the CNN's own class holds geometry's answer (MS or MLS: MEDIUM).
    if (text.includes('agrees')) expect(text).toMatch(/→ M(S|LS); CNN agrees \(MEDIUM/);
    else expect(text).toMatch(/CNN says \w+ \d+%; (geometry outweighs it|the CNN outweighs geometry|neither alone) → \w+/);
    await expect(inspector.getByTestId('inspector-label')).toContainText(/\bMS\b|\bMLS\b|\bLS\b/);
  }
  await cells.nth(4).click();
  await page.screenshot({ path: 'test-results/letterbox.png', fullPage: true });
});
