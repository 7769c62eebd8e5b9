import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/cli/chromium.mjs';

/** A port nobody listens on now, so the tests never collide with a running `npm start`. */
function freePort(): number {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script]).toString());
}
// Set once in the runner; its worker processes inherit it and so agree on the port.
process.env.E2E_PORT ??= String(freePort());
const PORT = Number(process.env.E2E_PORT);
/** Where the preview server's CSP has the browser report refusals (e2e/test.ts watches for it). */
export const CSP_REPORT_PATH = '/__csp-report';
/** Build to serve (default dist/); lets a developer test one build while another is being made. */
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    env: { SHOTSCALE_CSP_REPORT: CSP_REPORT_PATH },
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
