/**
 * The service worker's decisions, kept pure so they are unit-tested: which files of a
 * production build it stores (the precache list), what the cache of a build is called,
 * which old caches go, and how each request is answered.
 *
 * Pages are fetched from the network first, so a new build is picked up at once when the
 * server is reachable, and fall back to the stored app shell when it is not. Everything
 * else the build emitted has a content-hashed name and is answered from the cache.
 */

/** What a build stores: its files (paths relative to the worker's scope) and their hash. */
export interface PrecacheManifest {
  version: string;
  files: readonly string[];
}

export const SERVICE_WORKER_FILE = 'sw.js';
export const APP_SHELL = 'index.html';
const CACHE_PREFIX = 'segstudio-precache-';

/**
 * The build's files the worker stores: everything the app may load (pages, scripts,
 * worker chunks, WASM binaries, styles, icons), not the worker itself (browsers fetch it
 * fresh to look for updates) nor source maps and build manifests.
 */
export function precacheList(emitted: readonly string[]): string[] {
  const norm = emitted.map((p) => p.replaceAll('\\', '/').replace(/^\.?\//, ''));
  return norm
    .filter((p) => p !== SERVICE_WORKER_FILE && !p.endsWith('.map') && !p.startsWith('.vite/'))
    .sort();
}

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** Caches of earlier builds of the studio, to delete once this build is active. */
export function staleCaches(names: readonly string[], version: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== cacheName(version));
}

/** The parts of a Request that routing looks at. */
export interface RequestInfo {
  method: string;
  url: string;
  mode: string;
}

export type Route =
  /** Not ours to answer: the browser fetches it as if there were no service worker. */
  | { kind: 'network' }
  /** A page: the network first, the stored copy of `file` when the network fails. */
  | { kind: 'page'; file: string }
  /** A stored build file: from the cache, from the network if it is missing. */
  | { kind: 'cached'; file: string };

/**
 * How to answer `request` for a worker registered at `scope` (an absolute URL ending in
 * '/') whose cache holds `files`.
 */
export function routeRequest(
  request: RequestInfo,
  scope: string,
  files: ReadonlySet<string>,
): Route {
  if (request.method !== 'GET') return { kind: 'network' };
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    return { kind: 'network' };
  }
  const path = decodeURIComponent(url.pathname.slice(base.pathname.length));
  if (request.mode === 'navigate') {
    if (path === '' && files.has(APP_SHELL)) return { kind: 'page', file: APP_SHELL };
    return files.has(path) ? { kind: 'page', file: path } : { kind: 'network' };
  }
  // A query string asks for something other than the stored file.
  return url.search === '' && files.has(path)
    ? { kind: 'cached', file: path }
    : { kind: 'network' };
}
