/// <reference lib="webworker" />
export {};
// Precaching service worker: the build writes the manifest in place of the placeholder below
// (scripts/build/precache-plugin.ts). Each file is cached under its URL plus its revision, so a new
// release downloads only the files whose contents changed. Cache-first for everything of this
// origin; navigations fall back to the cached app shell, so the app opens and analyses offline.
declare const self: ServiceWorkerGlobalScope & { __PRECACHE__: { version: string; entries: { url: string; revision: string }[] } };

const manifest = self.__PRECACHE__;
/** One cache for all releases; entries are keyed by revision. */
const CACHE = 'shotscale-precache';
const REVISION_PARAM = '__rev';

/** The cache key of a manifest entry: its absolute URL with the revision as a query parameter. */
function cacheKey(url: string, revision: string): string {
  const u = new URL(url, self.location.href);
  u.searchParams.set(REVISION_PARAM, revision);
  return u.href;
}

/** Absolute URL (no query) → cache key, for this release. */
const keyByUrl = new Map(manifest.entries.map((e) => [new URL(e.url, self.location.href).href, cacheKey(e.url, e.revision)]));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const have = new Set((await cache.keys()).map((r) => r.url));
      for (const e of manifest.entries) {
        const key = cacheKey(e.url, e.revision);
        if (have.has(key)) continue;
        const res = await fetch(new Request(new URL(e.url, self.location.href).href, { cache: 'no-store' }));
        if (!res.ok) throw new Error(`precache: ${e.url} answered HTTP ${res.status}`);
        await cache.put(key, res);
        have.add(key);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Caches of the releases that kept one cache per version.
      for (const name of await caches.keys()) if (name.startsWith('shotscale-') && name !== CACHE) await caches.delete(name);
      const cache = await caches.open(CACHE);
      const current = new Set(keyByUrl.values());
      for (const req of await cache.keys()) if (!current.has(req.url)) await cache.delete(req);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  url.search = '';
  url.hash = '';
  const key = keyByUrl.get(url.href) ?? (req.mode === 'navigate' ? keyByUrl.get(new URL('./', self.location.href).href) : undefined);
  if (!key) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // ignoreVary: the preview server sends Vary: Origin, and module scripts carry an Origin header
      // that the precache requests did not, so a Vary-aware match would miss them offline.
      const hit = await cache.match(key, { ignoreVary: true });
      return hit ?? fetch(req);
    })(),
  );
});
