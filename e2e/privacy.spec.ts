/**
 * Nothing leaves the machine: during a full journey on the built-in sample (train two
 * tiny models, predict, compare, export the mask, the model and the comparison) every
 * request of the page, its workers and its service worker goes to the page's own origin,
 * and the Content-Security-Policy raises no violation. The policy is served as a header
 * and as a <meta> tag, and it refuses a deliberate cross-origin fetch from the page and
 * from the training worker (a CSP refusal, not a network failure).
 */
import './helpers/hook-types';
import { readFile } from 'node:fs/promises';
import { test, expect, type Download, type Locator, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { trainTiny, waitForPrediction } from './helpers/tiny-run';
import { PRODUCTION_POLICY, parsePolicy, serializePolicy } from '../src/serving/headers';

const OUTSIDE = 'https://example.com/';

/** Every request and WebSocket the context makes, and every CSP complaint it logs. */
function watch(page: Page) {
  const requests: { url: string; from: string }[] = [];
  const refusals: string[] = [];
  const context = page.context();
  context.on('request', (r) =>
    requests.push({ url: r.url(), from: r.serviceWorker() ? 'service worker' : 'page or worker' }),
  );
  page.on('websocket', (ws) => requests.push({ url: ws.url(), from: 'websocket' }));
  const onConsole = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) refusals.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('worker', (w) => w.on('console', (m) => onConsole(m.text())));
  context.on('serviceworker', (w) => w.on('console', (m) => onConsole(m.text())));
  return { requests, refusals };
}

/** blob: and data: URLs name bytes already in the tab. */
function isSameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('blob:') || url.startsWith('data:')) return true;
  return new URL(url).origin === origin;
}

async function downloadsOf(page: Page, count: number, click: () => Promise<void>) {
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const onDownload = (d: Download) => {
      downloads.push(d);
      if (downloads.length === count) {
        page.off('download', onDownload);
        resolve();
      }
    };
    page.on('download', onDownload);
  });
  await click();
  await done;
  return Promise.all(
    downloads.map(async (d) => ({
      name: d.suggestedFilename(),
      bytes: await readFile((await d.path()) ?? ''),
    })),
  );
}

/** Fetches `url` where it runs (page or worker): what came back, and the CSP violation. */
async function fetchOutside(url: string) {
  const violation = new Promise<string>((resolve) =>
    self.addEventListener('securitypolicyviolation', (e) =>
      resolve(`${e.effectiveDirective} ${e.blockedURI}`),
    ),
  );
  const result = await fetch(url).then(
    (r) => `answered ${r.status}`,
    (e: unknown) => `refused: ${String(e)}`,
  );
  return { result, violation: await violation };
}

function runItem(page: Page, name: string): Locator {
  return page
    .getByRole('region', { name: 'Models' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('radio', { name: `Show model ${name}` }) });
}

test('a full journey sends nothing beyond the origin, and the policy refuses to', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { requests, refusals } = watch(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  const studio = new Studio(page);
  const response = await page.goto('/');
  const origin = new URL(page.url()).origin;
  // The policy as a header of the page and as its <meta> tag: connections to the origin only.
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toBe(serializePolicy(PRODUCTION_POLICY));
  expect(parsePolicy(header)['connect-src']).toEqual(["'self'"]);
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  expect(await meta.getAttribute('content')).toBe(header);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await expect(page.getByRole('table', { name: 'Dataset' })).toBeVisible();
  await studio.waitForViewer();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });

  // Train, predict and export on the sample.
  const enet = await trainTiny(page, { architecture: 'enet' });
  const item = runItem(page, enet.name);
  const selected = await page.evaluate(() => window.__segstudio?.state().selectedCase ?? '');
  const other = await page.evaluate(
    (s) => window.__segstudio?.state().cases.find((c) => c.name !== s)?.name ?? '',
    selected,
  );
  await page.getByRole('button', { name: `Show case ${other}`, exact: true }).click();
  await item.getByRole('button', { name: `Predict ${other}` }).click();
  await waitForPrediction(page, enet.id, other);
  const [mask] = await downloadsOf(page, 1, () =>
    item.getByRole('button', { name: 'Export mask' }).click(),
  );
  expect(mask.name).toMatch(/_pred\.nii\.gz$/);
  expect([...mask.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  const model = await downloadsOf(page, 2, () =>
    item.getByRole('button', { name: 'Download model' }).click(),
  );
  const json = model.find((f) => f.name.endsWith('.json'));
  const bin = model.find((f) => f.name.endsWith('.bin'));
  expect(JSON.parse(json?.bytes.toString('utf8') ?? '{}')).toHaveProperty('modelTopology');
  expect(bin?.bytes.length ?? 0).toBeGreaterThan(1000);

  // A second model, then the comparison and its exports.
  await trainTiny(page, { architecture: 'unet' });
  await page.getByRole('tab', { name: 'Compare' }).click();
  const panel = page.getByRole('main', { name: 'Compare' });
  await panel.getByRole('button', { name: 'Run comparison' }).click();
  await expect(panel.getByRole('figure', { name: 'Per-slice Dice' })).toBeVisible({
    timeout: 120_000,
  });
  await expect(panel.getByRole('status', { name: 'Comparison progress' })).toHaveCount(0);
  for (const [button, check] of [
    ['Export CSV', (b: Buffer) => expect(b.toString('utf8')).toMatch(/^row,side,model,case,/)],
    ['Export JSON', (b: Buffer) => expect(JSON.parse(b.toString('utf8'))).toHaveProperty('models')],
    ['Export PNG', (b: Buffer) => expect(b.subarray(1, 4).toString()).toBe('PNG')],
  ] as const) {
    const [file] = await downloadsOf(page, 1, () =>
      panel.getByRole('button', { name: button }).click(),
    );
    check(file.bytes);
  }

  // The journey: many requests observed (pages, the worker's files, the service worker's
  // precache), all to the origin, and not one CSP violation.
  const urls = requests.map((r) => r.url);
  expect(urls.some((u) => /engine\.worker/.test(u))).toBe(true);
  expect(requests.some((r) => r.from === 'service worker')).toBe(true);
  expect(requests.filter((r) => !isSameOrigin(r.url, origin))).toEqual([]);
  expect(refusals).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([]);

  // A deliberate cross-origin fetch is refused by the policy, in the page (its header and
  // <meta> tag) and in the training worker (the header its script was served with).
  const worker = page.workers().find((w) => /engine\.worker/.test(w.url()));
  if (!worker) throw new Error('the training worker is not running');
  for (const outcome of [
    await page.evaluate(fetchOutside, OUTSIDE),
    await worker.evaluate(fetchOutside, OUTSIDE),
  ]) {
    expect(outcome.result).toMatch(/^refused: TypeError/);
    expect(outcome.violation).toMatch(/^connect-src https:\/\/example\.com\/?$/);
  }
  await expect.poll(() => refusals.length).toBeGreaterThanOrEqual(2);
  expect(refusals.every((r) => r.includes(OUTSIDE))).toBe(true);
  expect(refusals.some((r) => r.includes(`"connect-src 'self'"`))).toBe(true);
  // Refused before the network: the attempts never became requests.
  expect(requests.filter((r) => !isSameOrigin(r.url, origin))).toEqual([]);
});
