/*
 * The workshop table's offline copy (registered only by the table page, scope /table/).
 *
 * A venue's network may drop while the table is open. The outbox (IndexedDB) keeps what residents
 * send; this worker keeps the page itself, so that a reload or a browser restart without network
 * still opens the table: the app's files, the table's opening answers and its map data.
 *
 * - hashed build files (main-ABCD1234.js …): from the cache, else the network (they never change);
 * - everything else of this origin (the page, /api/v1 reads): the network first, the last good
 *   answer when the network fails;
 * - never: writes (the outbox retries them), the live event stream, answers for one participant
 *   (a seat's own token), other origins.
 *
 * Why hand-written: @angular/service-worker pins an exact Angular version other than ours, and
 * Workbox needs its own bundling step for the worker; this is the few rules above.
 */
const CACHE = 'stadtdialog-table-v1';
const HASHED = /-[A-Z0-9]{8,}\.(js|css|woff2?|ttf|png|jpe?g|svg|webp|avif)$/;
const PARTICIPANT_TOKEN_HEADER = 'x-participant-token';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The page names what it loaded before this worker controlled it: `{ type: 'keep', requests: [{ url, headers }] }`. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.requests)) return;
  event.waitUntil(keep(data.requests));
});

async function keep(requests) {
  const cache = await caches.open(CACHE);
  const wanted = new Set();
  await Promise.all(
    requests.map(async ({ url, headers }) => {
      const request = new Request(new URL(url, self.location.origin).href, { headers: headers || {}, credentials: 'omit' });
      if (!cacheable(request)) return;
      wanted.add(request.url);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response);
      } catch {
        // offline already: what the cache has stays
      }
    }),
  );
  // Files of an earlier build are not needed any more.
  for (const request of await cache.keys()) {
    if (HASHED.test(new URL(request.url).pathname) && !wanted.has(request.url)) await cache.delete(request);
  }
}

function cacheable(request) {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return false;
  if (request.headers.has(PARTICIPANT_TOKEN_HEADER)) return false;
  if (url.pathname.endsWith('/events') || (request.headers.get('accept') || '').includes('text/event-stream')) return false;
  return true;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!cacheable(request)) return;
  const url = new URL(request.url);
  event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}
