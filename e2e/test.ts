import { test as base, expect } from '@playwright/test';

/**
 * The app's test: every request a page makes must stay on the app's own origin (no CDN, no model
 * download, no telemetry). Checked after each test.
 */
export const test = base.extend<{ requests: string[] }>({
  requests: [
    async ({ context, baseURL }, use) => {
      const seen: string[] = [];
      context.on('request', (r) => seen.push(r.url()));
      await use(seen);
      const origin = new URL(baseURL!).origin;
      const foreign = seen.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
      expect(foreign, 'requests that left the app origin').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
