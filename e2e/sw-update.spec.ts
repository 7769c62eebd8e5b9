import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serveStatic } from '../scripts/cli/headless-app.mjs';
import { CHROMIUM_ARGS } from '../scripts/cli/chromium.mjs';
import { precacheManifest } from '../scripts/build/precache-plugin';
import { DIST } from './cli-run';
import { expect, test } from './test';

/**
 * A release that changes one file makes the installed service worker download that file and
 * nothing else (per-file revisions, not one cache per version). A copy of the build is served by
 * the app's own static server, which logs every request it answers; then one file is changed and
 * the service worker's manifest is rewritten the way the build writes it.
 */
test('an update downloads only the files whose contents changed', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'shotscale-sw-'));
  cpSync(DIST, dir, { recursive: true });
  const served: string[] = [];
  const server = await serveStatic(dir, { onRequest: (method, path) => served.push(`${method} ${path}`) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    const cachedPaths = async () =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        const cache = await caches.open('shotscale-precache');
        return (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
      });
    await page.goto(server.url);
    const before = precacheManifest(dir);
    const first = await cachedPaths();
    expect(first.length).toBe(before.entries.length);

    // The release: one file changes; the build would write the new manifest into sw.js.
    const changed = 'manifest.webmanifest';
    writeFileSync(join(dir, changed), readFileSync(join(dir, changed), 'utf8') + '\n');
    const after = precacheManifest(dir);
    const swPath = join(dir, 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    expect(sw.includes(JSON.stringify(before)), 'sw.js carries the manifest the build wrote').toBe(true);
    writeFileSync(swPath, sw.replace(JSON.stringify(before), JSON.stringify(after)));

    served.length = 0;
    await page.evaluate(async () => {
      const changedController = new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      await (await navigator.serviceWorker.getRegistration())!.update();
      await changedController;
      // The controller changes before the activate handler (which drops the old revisions) ends.
      const active = (await navigator.serviceWorker.getRegistration())!.active!;
      if (active.state !== 'activated') await new Promise((r) => active.addEventListener('statechange', () => active.state === 'activated' && r(null)));
    });
    const fetched = served.filter((r) => r.startsWith('GET ')).map((r) => r.slice(4).split('?')[0]);
    expect(fetched.sort()).toEqual(['/manifest.webmanifest', '/sw.js']);

    // The cache now holds exactly the new release: the changed file under its new revision.
    const second = await cachedPaths();
    const rev = after.entries.find((e) => e.url === `./${changed}`)!.revision;
    expect(second).toContain(`/${changed}?__rev=${rev}`);
    const expected = after.entries.map((e) => `${new URL(e.url, server.url).pathname}?__rev=${e.revision}`);
    expect(second.sort()).toEqual(expected.sort());
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
