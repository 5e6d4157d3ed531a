/**
 * The studio's service worker: after a first visit it serves the whole production build
 * from the browser's cache, so the studio opens, loads files, trains and predicts with the
 * network off. The file list and its version are written in at build time
 * (scripts/build/service-worker-plugin.ts); a new build has a new version, installs its own
 * cache and deletes the old one. Responses keep the isolation and CSP headers, so the page
 * stays cross-origin isolated and confined to its origin offline too.
 */
import { PRODUCTION_HEADERS, missingHeaders } from './headers';
import {
  cacheName,
  routeRequest,
  staleCaches,
  type PrecacheManifest,
  type Route,
} from './offline-plan';

declare const self: ServiceWorkerGlobalScope;
declare const __SEGSTUDIO_PRECACHE__: PrecacheManifest;

const manifest = __SEGSTUDIO_PRECACHE__;
const files = new Set(manifest.files);
const cache = cacheName(manifest.version);

function fileUrl(file: string): string {
  return new URL(file, self.registration.scope).href;
}

/**
 * A stored response with any missing security header added back. A redirected response
 * is rebuilt too: browsers refuse one as the answer to a page load.
 */
function withHeaders(response: Response): Response {
  const missing = missingHeaders(response.headers, PRODUCTION_HEADERS);
  if (missing.length === 0 && !response.redirected) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  const { status, statusText } = response;
  return new Response(response.body, { status, statusText, headers });
}

async function fromCache(file: string): Promise<Response | undefined> {
  const hit = await (await caches.open(cache)).match(fileUrl(file));
  return hit && withHeaders(hit);
}

async function answer(request: Request, route: Exclude<Route, { kind: 'network' }>) {
  if (route.kind === 'cached') return (await fromCache(route.file)) ?? fetch(request);
  try {
    return await fetch(request);
  } catch (offline) {
    const stored = await fromCache(route.file);
    if (stored) return stored;
    throw offline;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const store = await caches.open(cache);
      // 'reload' skips the HTTP cache, which may still hold the previous build's page.
      await store.addAll(manifest.files.map((f) => new Request(fileUrl(f), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = staleCaches(await caches.keys(), manifest.version);
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const route = routeRequest(event.request, self.registration.scope, files);
  if (route.kind === 'network') return;
  event.respondWith(answer(event.request, route));
});
