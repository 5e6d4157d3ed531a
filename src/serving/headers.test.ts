import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEV_HEADERS,
  DEV_POLICY,
  PRODUCTION_HEADERS,
  PRODUCTION_POLICY,
  missingHeaders,
  parsePolicy,
  serializePolicy,
} from './headers';

const ROOT = path.resolve(import.meta.dirname, '../..');

function metaPolicy(page: string): string | undefined {
  const html = readFileSync(path.join(ROOT, page), 'utf8');
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
}

describe('Content-Security-Policy', () => {
  it.each(['index.html', 'bench.html'])('%s carries the production policy', (page) => {
    expect(metaPolicy(page)).toBe(serializePolicy(PRODUCTION_POLICY));
  });

  it('lets the page and its workers connect to their own origin only', () => {
    for (const policy of [PRODUCTION_POLICY, DEV_POLICY]) {
      expect(policy['connect-src']).toEqual(["'self'"]);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['worker-src']).toEqual(["'self'"]);
    }
  });

  it('names no host anywhere: only keywords and the data: scheme', () => {
    for (const policy of [PRODUCTION_POLICY, DEV_POLICY]) {
      for (const sources of Object.values(policy)) {
        for (const source of sources) expect(source).toMatch(/^('[a-z-]+'|data:)$/);
      }
    }
  });

  it('allows WebAssembly compilation but no JavaScript eval or inline code in production', () => {
    const all = Object.values(PRODUCTION_POLICY).flat();
    expect(PRODUCTION_POLICY['script-src']).toContain("'wasm-unsafe-eval'");
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'unsafe-inline'");
  });

  it('serializes to a header value that parses back', () => {
    const text = serializePolicy(PRODUCTION_POLICY);
    expect(text).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; /);
    expect(parsePolicy(text)).toEqual(PRODUCTION_POLICY);
    expect(PRODUCTION_HEADERS['Content-Security-Policy']).toBe(text);
    expect(DEV_HEADERS['Content-Security-Policy']).toBe(serializePolicy(DEV_POLICY));
  });
});

describe('missingHeaders', () => {
  it('names the required headers a response lacks, whatever their case', () => {
    const present = new Headers({ 'cross-origin-opener-policy': 'same-origin' });
    expect(missingHeaders(present, PRODUCTION_HEADERS).map(([name]) => name)).toEqual([
      'Cross-Origin-Embedder-Policy',
      'Content-Security-Policy',
    ]);
    const full = new Headers(PRODUCTION_HEADERS);
    expect(missingHeaders(full, PRODUCTION_HEADERS)).toEqual([]);
  });
});
