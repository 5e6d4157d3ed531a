/**
 * Runs the studio's bench page in headless Chromium: builds it with the project's own
 * Vite config (into a cache folder, so `dist/` and anyone previewing it are left alone),
 * serves it with `vite preview` (cross-origin isolated, as the app is served) on a free
 * port in 4192-4199, and opens pages whose local files are answered from disk by
 * Playwright request routing.
 */
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import type { BenchApi, BenchEvent, FileRef } from '../../src/bench/api';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';

/** Repository root (the scripts run from their bundle in node_modules/.cache). */
export const ROOT = process.cwd();
const OUT_DIR = path.join(ROOT, 'node_modules/.cache/segstudio-bench-page');
const PORTS = [4192, 4193, 4194, 4195, 4196, 4197, 4198, 4199];
const FILE_PREFIX = '/__bench_files/';

/** Built page, server and browser of one script run. */
export interface Harness {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  for (const port of PORTS) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${PORTS[0]}-${PORTS[PORTS.length - 1]}`);
}

async function buildPage(): Promise<void> {
  await build({
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      // The worker transform is slow on a busy machine; its timing warning is noise here.
      rolldownOptions: { input: path.join(ROOT, 'bench.html'), checks: { bundlerTimings: false } },
    },
  });
}

/** Builds and serves the bench page and launches Chromium (CHROMIUM_PATH overrides the path). */
export async function startHarness(log: (line: string) => void): Promise<Harness> {
  const t0 = performance.now();
  await buildPage();
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const executablePath = CHROMIUM_PATH;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: ['--headless=new', ...CHROMIUM_FLAGS],
    });
  } catch (e) {
    await server.close();
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`could not start Chromium at ${executablePath} (set CHROMIUM_PATH): ${why}`);
  }
  log(
    `page built and served on 127.0.0.1:${port}, Chromium ${browser.version()} ` +
      `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Local files a page may read, by the URL it is given for each. */
export class FileTable {
  private readonly byUrl = new Map<string, string>();

  /** Registers `absolute` (shown to the page as `relative`) and returns its FileRef. */
  add(absolute: string, relative: string, size: number): FileRef {
    const url = `${FILE_PREFIX}${this.byUrl.size}/${encodeURIComponent(path.basename(relative))}`;
    this.byUrl.set(url, absolute);
    return { path: relative, size, url };
  }

  lookup(url: string): string | undefined {
    return this.byUrl.get(new URL(url).pathname);
  }
}

/** Opens the bench page; `onEvent` receives every training event of the page's runs. */
export async function openBenchPage(
  harness: Harness,
  files: FileTable,
  onEvent: (event: BenchEvent) => void,
  onError: (line: string) => void,
): Promise<Page> {
  const page = await harness.browser.newPage();
  page.on('pageerror', (e) => onError(`page error: ${e.message}`));
  page.on('crash', () => onError('the page crashed (out of memory?)'));
  page.on('console', (m) => {
    if (m.type() === 'error') onError(`page console: ${m.text()}`);
  });
  await page.route(`**${FILE_PREFIX}**`, async (route) => {
    const file = files.lookup(route.request().url());
    if (!file) return route.fulfill({ status: 404, body: 'unknown file' });
    return route.fulfill({ status: 200, body: await readFile(file) });
  });
  await page.exposeFunction('__segBenchReport', (event: BenchEvent) => onEvent(event));
  await page.goto(`${harness.baseUrl}/bench.html`);
  await page.waitForFunction(() => document.body.dataset['benchReady'] === 'true', null, {
    timeout: 60_000,
  });
  return page;
}

/** The page API's method names. */
type Method = keyof BenchApi;
type Args<M extends Method> = Parameters<BenchApi[M]>;
type Result<M extends Method> = Awaited<ReturnType<BenchApi[M]>>;

/**
 * Calls `window.__segBench[method](...args)` in the page. `page.evaluate` has no timeout
 * of its own, so one is applied here (0 = none), and a page crash rejects at once.
 */
export async function callPage<M extends Method>(
  page: Page,
  method: M,
  args: Args<M>,
  timeoutMs = 0,
): Promise<Result<M>> {
  const call = page.evaluate(
    async ({ method, args }) => {
      const api = window.__segBench;
      if (!api) throw new Error('bench API missing on the page');
      const fn = api[method] as (...a: unknown[]) => unknown;
      return (await fn(...args)) as Result<M>;
    },
    { method, args },
  );
  // After a timeout or crash the call still settles later; that outcome is not wanted.
  void call.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onCrash: (() => void) | undefined;
  const guard = new Promise<never>((_, reject) => {
    onCrash = () => reject(new Error('the page crashed (out of memory?)'));
    page.once('crash', onCrash);
    if (timeoutMs > 0) {
      const what = `${method} took over ${Math.round(timeoutMs / 1000)} s`;
      timer = setTimeout(() => reject(new Error(what)), timeoutMs);
    }
  });
  try {
    return await Promise.race([call, guard]);
  } finally {
    clearTimeout(timer);
    if (onCrash) page.off('crash', onCrash);
  }
}

/** The page's error message without Playwright's "page.evaluate:" wrapping. */
export function pageErrorMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/^page\.evaluate: (\w*Error: )?/, '').replace(/\n\s+at .*$/s, '');
}
