/// <reference lib="webworker" />
export {};
// Precaching service worker: the build writes the manifest in place of the placeholder below
// (scripts/precache-plugin.ts). Cache-first for everything of this origin; navigations fall back
// to the cached app shell, so the app opens and analyses with the network off.
declare const self: ServiceWorkerGlobalScope & { __PRECACHE__: { version: string; urls: string[] } };

const manifest = self.__PRECACHE__;
const CACHE = `shotscale-${manifest.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(manifest.urls.map((u) => new Request(u, { cache: 'no-store' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shotscale-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // ignoreVary: the preview server sends Vary: Origin, and module scripts carry an Origin header
      // that the precache requests did not, so a Vary-aware match would miss them offline.
      const hit = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (err) {
        if (req.mode === 'navigate') {
          const shell = await cache.match('./');
          if (shell) return shell;
        }
        throw err;
      }
    })(),
  );
});
