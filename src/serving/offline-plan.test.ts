import { describe, expect, it } from 'vitest';
import {
  APP_SHELL,
  cacheName,
  precacheList,
  routeRequest,
  staleCaches,
  type RequestInfo,
} from './offline-plan';

describe('precacheList', () => {
  it('keeps every file the app may load, sorted, with forward slashes', () => {
    expect(
      precacheList([
        'index.html',
        'assets\\training.worker-abc.js',
        './favicon.svg',
        'assets/tfjs-backend-wasm-simd-x.wasm',
        'sw.js',
        'assets/index-abc.js.map',
        '.vite/manifest.json',
      ]),
    ).toEqual([
      'assets/tfjs-backend-wasm-simd-x.wasm',
      'assets/training.worker-abc.js',
      'favicon.svg',
      'index.html',
    ]);
  });
});

describe('caches', () => {
  it("removes the studio's caches of other builds only", () => {
    const names = [cacheName('old1'), cacheName('new'), 'someone-else', cacheName('old2')];
    expect(staleCaches(names, 'new')).toEqual([cacheName('old1'), cacheName('old2')]);
  });
});

describe('routeRequest', () => {
  const scope = 'http://127.0.0.1:4173/';
  const files = new Set([APP_SHELL, 'assets/index-abc.js', 'assets/a b.wasm']);
  const get = (url: string, mode = 'cors'): RequestInfo => ({ method: 'GET', url, mode });

  it('answers the start page and the app shell from the network first', () => {
    expect(routeRequest(get(scope, 'navigate'), scope, files)).toEqual({
      kind: 'page',
      file: APP_SHELL,
    });
    expect(routeRequest(get(`${scope}index.html?x=1`, 'navigate'), scope, files)).toEqual({
      kind: 'page',
      file: APP_SHELL,
    });
    expect(routeRequest(get(`${scope}bench.html`, 'navigate'), scope, files)).toEqual({
      kind: 'network',
    });
  });

  it('answers stored build files from the cache', () => {
    expect(routeRequest(get(`${scope}assets/index-abc.js`), scope, files)).toEqual({
      kind: 'cached',
      file: 'assets/index-abc.js',
    });
    expect(routeRequest(get(`${scope}assets/a%20b.wasm`), scope, files)).toEqual({
      kind: 'cached',
      file: 'assets/a b.wasm',
    });
  });

  it('leaves everything else to the browser', () => {
    const network = { kind: 'network' };
    const post = { method: 'POST', url: `${scope}assets/index-abc.js`, mode: 'cors' };
    expect(routeRequest(post, scope, files)).toEqual(network);
    expect(routeRequest(get(`${scope}assets/index-abc.js?v=2`), scope, files)).toEqual(network);
    expect(routeRequest(get(`${scope}assets/other.js`), scope, files)).toEqual(network);
    expect(routeRequest(get('http://127.0.0.1:9999/assets/index-abc.js'), scope, files)).toEqual(
      network,
    );
  });

  it('works under a sub-path scope', () => {
    const sub = 'http://127.0.0.1:4173/studio/';
    expect(routeRequest(get(`${sub}assets/index-abc.js`), sub, files)).toEqual({
      kind: 'cached',
      file: 'assets/index-abc.js',
    });
    expect(routeRequest(get(`${scope}assets/index-abc.js`), sub, files)).toEqual({
      kind: 'network',
    });
  });
});
