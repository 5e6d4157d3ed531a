/**
 * The response headers the studio is served with, in one place for the Vite dev and
 * preview servers, the `<meta>` tags of the HTML pages and the service worker that
 * serves the app offline.
 *
 * The Content-Security-Policy is the studio's privacy guarantee in the browser's own
 * words: scans, labels and models never leave the machine because the page and its
 * workers may only connect to the origin they were loaded from. Each source below is
 * there because something in the app needs it.
 */

/** Directive name -> allowed sources. */
export type Policy = Readonly<Record<string, readonly string[]>>;

export const PRODUCTION_POLICY: Policy = {
  'default-src': ["'self'"],
  // tfjs compiles its WebAssembly kernels at run time; no JavaScript eval is allowed.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // The training worker is a same-origin module script.
  'worker-src': ["'self'"],
  // fetch, WebSocket and friends: the app's own files (WASM binaries, chunks), nothing else.
  'connect-src': ["'self'"],
  // Niivue's built-in textures (font atlas, matcaps) are data: URLs.
  'img-src': ["'self'", 'data:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The dev server injects an inline React Refresh preamble and serves CSS as `<style>`
 * elements added by script, so development also allows inline scripts and styles.
 * Connections stay limited to the origin (the HMR WebSocket is same-origin).
 */
export const DEV_POLICY: Policy = {
  ...PRODUCTION_POLICY,
  'script-src': [...(PRODUCTION_POLICY['script-src'] ?? []), "'unsafe-inline'"],
  'style-src': [...(PRODUCTION_POLICY['style-src'] ?? []), "'unsafe-inline'"],
};

/** The policy as a header or `<meta content>` value. */
export function serializePolicy(policy: Policy): string {
  return Object.entries(policy)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Parses a serialized policy (as found in a header or a `<meta>` tag). */
export function parsePolicy(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = sources;
  }
  return out;
}

/**
 * Cross-origin isolation (COOP/COEP) gives the page SharedArrayBuffer and lets the tfjs
 * WASM backend use threads where it helps.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Every header a production response of the studio carries. */
export const PRODUCTION_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': serializePolicy(PRODUCTION_POLICY),
};

export const DEV_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': serializePolicy(DEV_POLICY),
};

/** The headers of `required` that `present` lacks (names compared case-insensitively). */
export function missingHeaders(
  present: { has(name: string): boolean },
  required: Readonly<Record<string, string>>,
): [string, string][] {
  return Object.entries(required).filter(([name]) => !present.has(name));
}
