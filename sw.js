// Relais' service worker: the app keeps working with no network at all.
//
// On install it caches the app's own files (the list and the version below are written into
// dist/sw.js by scripts/stamp-sw.mjs, a Trunk post-build hook: the version is a hash of the
// built files, so a new build is a new cache). Those files are then served cache-first.
// Other files of the same origin (a host's relais.config.json and catalogue files, which it
// may edit without rebuilding) are fetched from the network first, and from the cache when
// the network fails or is too slow.
//
// What is cached: only files of the app's own origin, which hold no personal data. The app
// never puts personal data in a URL or a request; this worker never sees any. « Tout effacer »
// leaves this cache (names starting with "relais-app-") in place for that reason.

const VERSION = '__RELAIS_BUILD_VERSION__';
const FILES = ['__RELAIS_BUILD_FILES__'];
const CACHE = `relais-app-${VERSION}`;
/** How long a host's file may take before the cached copy is used. */
const NETWORK_TIMEOUT_MS = 4000;

const scope = new URL(self.registration.scope);
// The build's own files: served from the cache first. A host's data files (relais.config.json,
// catalogue files, which it may change without rebuilding) are cached too, but asked from the
// network first.
const isHostData = (f) => /\.(json|csv)$/.test(f) && !['communes.csv', 'rome-appellations.csv', 'carte-departements.json'].includes(f);
const precached = new Set(FILES.filter((f) => !isHostData(f)).map((f) => new URL(f, scope).href));
precached.add(scope.href);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `./` is index.html: the page a second visit asks for.
      await cache.addAll(['./', ...FILES].map((f) => new Request(new URL(f, scope), { cache: 'reload' })));
      // The host's settings and the catalogue they name, when there are some: kept for offline
      // use from the first visit, still asked from the network first afterwards.
      try {
        const config = await fetch(new Request(new URL('relais.config.json', scope), { cache: 'reload' }));
        if (config.ok) {
          await cache.put(new URL('relais.config.json', scope).href, config.clone());
          const named = (await config.json()).catalogue;
          if (typeof named === 'string' && named.trim()) {
            const url = new URL(named.trim(), scope);
            if (url.origin === scope.origin) {
              const catalogue = await fetch(new Request(url, { cache: 'reload' }));
              if (catalogue.ok) await cache.put(url.href, catalogue);
            }
          }
        }
      } catch {
        // No settings, or unreadable ones: the app works with its own catalogue.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('relais-app-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  url.search = '';
  const hit = (await cache.match(url.href)) || (request.mode === 'navigate' ? await cache.match(scope.href) : undefined);
  if (hit) return hit;
  return fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS)),
    ]);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  const bare = url.origin + url.pathname;
  if (request.mode === 'navigate' || precached.has(bare)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});
