import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp, precachedPaths } from './helpers';
import { expect, test } from './test';

test('installable PWA: after one visit the app loads and analyses with the network off', async ({ page, context }) => {
  await openApp(page);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  const cached = await precachedPaths(page);
  for (const must of ['/models/default.card.json', '/models/shotscale-mnv1.onnx', '/vendor/ort/ort-wasm-simd-threaded.wasm', '/vendor/ort/ort-wasm-simd-threaded.asyncify.wasm', '/vendor/mediapipe/vision_wasm_internal.wasm']) {
    expect(cached).toContain(must);
  }

  await context.setOffline(true);
  await page.reload();
  await openApp(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await analyseFile(page, fixture('clip-8s-vp9.webm'));
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '8');
});
