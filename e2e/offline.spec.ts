/**
 * After a first visit the studio works with the network off: its service worker stores
 * every file of the build, and a reload offline opens the studio with the sample, still
 * cross-origin isolated, loads PROMISE12 files, trains a tiny model and predicts.
 */
import './helpers/hook-types';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON, dataFile } from './helpers/data';
import { trainTiny, waitForPrediction } from './helpers/tiny-run';

test.skip(!HAS_DATA, NO_DATA_REASON);

const DIST = path.resolve(import.meta.dirname, '../dist');
const CASES = ['00', '01', '02'];

/** The files `vite preview` serves (the build), as paths from the site's root. */
async function builtFiles(): Promise<string[]> {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(DIST, path.join(e.parentPath, e.name)).replaceAll('\\', '/'))
    .filter((f) => f !== 'sw.js')
    .sort();
}

/** Paths held by the studio's cache, once its service worker controls the page. */
function storedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) return [];
    const names = (await caches.keys()).filter((n) => n.startsWith('segstudio-precache-'));
    if (names.length !== 1) return [];
    const requests = await (await caches.open(names[0])).keys();
    return requests.map((r) => new URL(r.url).pathname.slice(1)).sort();
  });
}

test('opens, loads files, trains and predicts offline after a first visit', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  // The whole build is stored once the worker controls the page (it claims it on activation).
  const built = await builtFiles();
  expect(built.filter((f) => /tfjs-backend-wasm.*\.wasm$/.test(f))).toHaveLength(3);
  expect(built.some((f) => /engine\.worker.*\.js$/.test(f))).toBe(true);
  await expect.poll(() => storedFiles(page), { timeout: 60_000 }).toEqual(built);

  await page.context().setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  // Really offline, for the page and for the service worker itself: neither can fetch.
  const probe = `/not-stored-${Date.now()}.txt`;
  const attempt = (url: string) =>
    fetch(url).then(
      (r) => `answered ${r.status}`,
      () => 'failed',
    );
  expect(await page.evaluate(attempt, probe)).toBe('failed');
  const [worker] = page.context().serviceWorkers();
  if (!worker) throw new Error('no service worker in the context');
  expect(await worker.evaluate(attempt, probe)).toBe('failed');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // The studio, its sample and its backend start from the stored build.
  await expect(page.getByRole('table', { name: 'Dataset' })).toBeVisible();
  await studio.waitForViewer();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await expect(page.getByLabel('Compute backend')).not.toContainText('failed');

  await studio.pickFiles(
    CASES.flatMap((n) => [
      dataFile(`promise12/image_train${n}.nii.gz`),
      dataFile(`promise12/label_train${n}.nii.gz`),
    ]),
  );
  await studio.waitForCases(CASES.map((n) => `train${n}`));
  await studio.waitForLoadingDone();

  const run = await trainTiny(page, { architecture: 'unet', inputSize: 32 });
  await page.getByRole('button', { name: 'Show case train02', exact: true }).click();
  await page
    .getByRole('region', { name: 'Models' })
    .getByRole('button', { name: 'Predict train02' })
    .click();
  await waitForPrediction(page, run.id, 'train02');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});
