import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/cli/chromium.mjs';
import type { HeadlessApi } from '../src/pipeline/headless';
import { fixture } from './fixtures';
import { analyseFile, filmCard, openApp } from './helpers';
import { expect, test } from './test';

// Chromium here has no GPU; --enable-unsafe-webgpu gives a software (SwiftShader) adapter, far
// slower than WASM but enough to prove the WebGPU path runs and agrees with WASM.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });

type Row = { label: string; probs: number[] };

async function analyse(page: import('@playwright/test').Page, backend: string): Promise<Row[]> {
  await openApp(page, `?backend=${backend}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend);
  await page.getByTestId('rate').selectOption('0.5');
  await analyseFile(page, fixture('clip-8s-vp9.webm'));
  await expect(filmCard(page, 'clip-8s-vp9.webm').getByTestId('timeline')).toHaveAttribute('data-seconds', '4');
  return page.evaluate(() => (window as unknown as { shotscale: HeadlessApi }).shotscale.films()[0].results.map((r) => ({ label: r.label, probs: r.probs })));
}

test('WebGPU is used when an adapter is granted, and agrees with WASM', async ({ browser }) => {
  const gpuPage = await (await browser.newContext()).newPage();
  await openApp(gpuPage);
  await expect(gpuPage.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(gpuPage.getByTestId('backend')).toContainText('WebGPU');
  const gpu = await analyse(gpuPage, 'webgpu');
  const wasm = await analyse(await (await browser.newContext()).newPage(), 'wasm');
  expect(gpu.map((r) => r.label)).toEqual(wasm.map((r) => r.label));
  gpu.forEach((row, i) => row.probs.forEach((p, j) => expect(Math.abs(p - wasm[i].probs[j])).toBeLessThan(2e-3)));
});
