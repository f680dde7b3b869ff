// The service worker: it caches the app shell and nothing else (issue 13), so the app opens on a bad connection.
// Never an API answer, a message, a websocket or anything a person typed: only the build's own files, named in
// SHELL by scripts/build.mjs (index.html and the hashed assets). Hashed assets are served from the cache; the page
// itself network-first, so a new build is used as soon as the relay is reachable. The panic wipe unregisters this
// worker and deletes its cache.
declare const __HAVEN_SHELL__: string[];
declare const __HAVEN_BUILD__: string;

const CACHE = `shell-${__HAVEN_BUILD__.slice(0, 16)}`;
const sw = self as unknown as ServiceWorkerGlobalScope;

sw.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(__HAVEN_SHELL__)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
    .then(() => sw.clients.claim()));
});

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin) return;
  const scope = new URL(sw.registration.scope);
  const path = url.pathname.slice(scope.pathname.length);
  if (e.request.mode === 'navigate' && (path === '' || path === 'index.html')) {
    // Network first: the relay's page when it answers, the cached shell when it does not. Never stored from here.
    e.respondWith(fetch(e.request).catch(async () => (await caches.match('./', { ignoreSearch: true })) ?? Response.error()));
    return;
  }
  if (__HAVEN_SHELL__.includes(path)) {
    e.respondWith(caches.match(e.request).then((hit) => hit ?? fetch(e.request)));
  }
  // Everything else (the API, the manifest) goes to the network untouched and is never cached.
});
