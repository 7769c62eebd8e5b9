import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from './fixtures';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// Privacy, proven: nothing leaves the app's origin, also long after an analysis (MediaPipe's
// usage logging used to POST to Google every 60 s), and the Content-Security-Policy both is
// sent and refuses an outside request. The `test` fixture fails on any request that leaves the
// origin from the page, its workers or the service worker, and on any CSP refusal.

/** A real clip with people (faces and poses are detected) when ../shared is present. */
const REAL_CLIP = join(import.meta.dirname, '..', '..', 'shared', 'data', 'clips', 'tears-of-steel-b-640x360.mp4');

test('after analysing a clip with people, the page stays 95 s without a request leaving the origin', async ({ page, context, requests }) => {
  test.setTimeout(300_000);
  const clip = existsSync(REAL_CLIP) ? REAL_CLIP : fixture('clip-30s-h264.mp4');
  const name = clip.split('/').pop()!;
  // Any request to another origin is refused here as well as recorded by the fixture, so the
  // test fails even if the request would have been blocked by the network.
  const attempted: string[] = [];
  await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])(?!blob:|data:).*/, (route) => {
    attempted.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  // The console stays clean, so real errors stand out (MediaPipe's INFO lines used to arrive as errors).
  const consoleErrors: string[] = [];
  const watch = (target: { on(event: 'console', f: (m: import('@playwright/test').ConsoleMessage) => void): unknown }) =>
    target.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  watch(page);
  page.on('worker', watch);
  await openApp(page);
  await pickFiles(page, [clip]);
  await waitForStatus(page, name, 'done');
  if (clip === REAL_CLIP) {
    // Faces or poses were found: the vision worker really ran.
    const seen = await page.evaluate(() => document.querySelectorAll('[data-testid=timeline-cell]').length);
    expect(seen).toBeGreaterThan(0);
  }
  await expect(filmCard(page, name)).toHaveAttribute('data-status', 'done');
  // MediaPipe's logger flushed every 60 s; wait past one and a half periods.
  await page.waitForTimeout(95_000);
  expect(attempted, 'requests to other origins').toEqual([]);
  expect(consoleErrors, 'console errors').toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
});

test('the Content-Security-Policy is sent, in the page and its workers, and refuses outside requests', async ({ page, context, cspRefusals }) => {
  const res = await page.goto('./');
  const csp = res!.headers()['content-security-policy'];
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("worker-src 'self'");
  expect(await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content')).toContain("connect-src 'self'");
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 90_000 });
  // Worker scripts carry the policy in their own response (a <meta> tag does not reach workers).
  const workerUrls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => /worker/.test(u)));
  expect(workerUrls.length).toBeGreaterThan(0);
  for (const url of workerUrls) {
    const r = await context.request.get(url);
    expect(r.headers()['content-security-policy'], url).toContain("connect-src 'self'");
  }
  // An outside fetch, image and script are refused by the browser before any request is made.
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    let fetched = 'sent';
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'frame' });
    } catch {
      fetched = 'refused';
    }
    const img = new Image();
    const imgDone = new Promise((r) => ((img.onerror = r), (img.onload = r)));
    img.src = 'https://example.com/pixel.png';
    await imgDone;
    const script = document.createElement('script');
    const scriptDone = new Promise((r) => ((script.onerror = r), (script.onload = r)));
    script.src = 'https://example.com/tracker.js';
    document.head.append(script);
    await scriptDone;
    await new Promise((r) => setTimeout(r, 200));
    return { fetched, violations };
  });
  expect(outcome.fetched).toBe('refused');
  expect(outcome.violations).toEqual(expect.arrayContaining(['connect-src https://example.com/collect', 'img-src https://example.com/pixel.png', 'script-src-elem https://example.com/tracker.js']));
  // These refusals were this test's own doing.
  expect(cspRefusals.length).toBeGreaterThan(0);
  cspRefusals.length = 0;
});
