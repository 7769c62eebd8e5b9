import { fixture } from './fixtures';
import { filmCard, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

test.use({ serviceWorkers: 'block' });

test('a missing model file gives a clear message; dropped files say why they cannot run', async ({ page, context }) => {
  await context.route('**/models/shotscale-mnv1.onnx', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('./');
  const badge = page.getByTestId('model-error');
  await expect(badge).toContainText('The shot-scale model could not be loaded');
  await expect(badge).toContainText('HTTP 404');
  await pickFiles(page, [fixture('clip-8s-vp9.webm')]);
  await waitForStatus(page, 'clip-8s-vp9.webm', 'error');
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('film-error')).toContainText('could not be loaded');
});
