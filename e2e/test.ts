import { test as base, expect } from '@playwright/test';
import { CSP_REPORT_PATH } from '../playwright.config';

/**
 * The app's test: every request the page, its workers and its service worker make must stay on
 * the app's own origin (no CDN, no model download, no telemetry), and the Content-Security-Policy
 * must not have had to refuse anything (a refusal means something tried to leave). Checked after
 * each test.
 */
export const test = base.extend<{ requests: string[]; cspRefusals: string[] }>({
  requests: [
    async ({ context, baseURL }, use) => {
      const seen: string[] = [];
      const blockedByCsp = new Set<string>();
      context.on('request', (r) => seen.push(r.url()));
      // The browser reports a request the CSP refused (it never reached the network); the
      // cspRefusals fixture fails the test for it instead.
      context.on('requestfailed', (r) => {
        if (/csp/i.test(r.failure()?.errorText ?? '')) blockedByCsp.add(r.url());
      });
      await use(seen);
      const origin = new URL(baseURL!).origin;
      const foreign = seen.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:') && !blockedByCsp.has(u));
      expect(foreign, 'requests that left the app origin').toEqual([]);
    },
    { auto: true },
  ],
  cspRefusals: [
    async ({ context }, use) => {
      const refused: string[] = [];
      const watch = (page: import('@playwright/test').Page) => {
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      // Refusals inside workers reach no page console: the policy's report-uri makes the browser
      // POST a report for each (playwright.config.ts sets it), seen here as a request.
      context.on('request', (r) => {
        if (r.url().includes(CSP_REPORT_PATH)) refused.push(`report: ${r.postData() ?? ''}`.slice(0, 500));
      });
      await use(refused);
      expect(refused, 'Content-Security-Policy refusals').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
