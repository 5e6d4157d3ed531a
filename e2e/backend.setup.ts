/**
 * Runs before the specs: a first start of the studio measures which backend trains
 * fastest and correctly, shows why it chose it, and remembers the measurement, so that a
 * reload starts at once. The remembered measurement (localStorage) is saved for the other
 * specs, which would otherwise each pay for timing every backend.
 *
 * Which backend wins depends on the machine (WASM on a CPU, WebGPU or WebGL on a real
 * GPU): the test checks that the winner trains correctly and is the fastest of the
 * correct ones, whichever it is. Every backend runs here under the studio's
 * Content-Security-Policy, so the test also checks that none of them trips it. WASM is
 * timed once per thread count (1, 2, every core): the page must be cross-origin isolated
 * and the threaded build must report the threads it was asked for.
 */
import { expect, test as setup } from '@playwright/test';
import type {} from './helpers/hook-types';
import { BACKEND_STATE } from './helpers/storage';
import { fastestTrial, PROBE_TOLERANCE, threadCandidates } from '../src/ml/backend/choice';

setup('measures the backends at the first start and reuses the measurement', async ({ page }) => {
  setup.setTimeout(240_000);
  const refusals: string[] = [];
  const onConsole = (text: string) => {
    if (/Content Security Policy/i.test(text)) refusals.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('worker', (w) => w.on('console', (m) => onConsole(m.text())));

  await page.goto('/');
  const isolation = await page.evaluate(() => ({
    isolated: crossOriginIsolated,
    shared: typeof SharedArrayBuffer === 'function',
    cores: navigator.hardwareConcurrency,
  }));
  expect(isolation).toMatchObject({ isolated: true, shared: true });
  const status = page.getByLabel('Backend choice');
  await expect(status).toContainText('fastest backend that trains correctly', {
    timeout: 200_000,
  });
  const choice = await page.evaluate(() => window.__segstudio?.state().backendChoice);
  if (!choice) throw new Error('no backend choice in the store');
  expect(choice.how).toBe('measured');
  const threads = threadCandidates(isolation.cores, 8);
  expect(choice.trials.map((t) => t.backend)).toEqual([
    ...threads.map(() => 'wasm'),
    'webgpu',
    'webgl',
  ]);
  const wasm = choice.trials.filter((t) => t.backend === 'wasm');
  expect(wasm.map((t) => t.threads)).toEqual(threads);
  // The threaded build in the worker reports what it runs, e.g. "2 threads".
  for (const t of wasm.filter((x) => x.adapter !== null)) {
    expect(t.adapter).toContain(`${t.threads} thread${t.threads === 1 ? '' : 's'}`);
  }
  expect(wasm.filter((t) => t.adapter !== null).map((t) => t.threads)).toEqual(threads);
  const winner = fastestTrial(choice.trials);
  if (winner?.backend !== choice.picked) {
    throw new Error(`the picked backend ${choice.picked} is not the fastest trial`);
  }
  expect(winner.ok).toBe(true);
  expect(winner.maxRelError).not.toBeNull();
  expect(winner.maxRelError).toBeLessThanOrEqual(PROBE_TOLERANCE);
  expect(winner.msPerStep).toBeGreaterThan(0);
  const timed = choice.trials.filter((t) => t.ok && t.msPerStep !== null);
  for (const t of timed) expect(winner.msPerStep).toBeLessThanOrEqual(t.msPerStep ?? 0);
  // Every other backend either lost on time or says why it was not timed.
  for (const t of choice.trials.filter((x) => !timed.includes(x))) expect(t.note).not.toBe('');

  await expect(page.getByLabel('Compute backend')).toContainText(
    new RegExp(`^${winner.backend} · `),
  );
  await expect(status).toContainText(
    new RegExp(`: ${winner.backend}( \\(\\d+ threads?\\))? [\\d,]+ ms/step`),
  );
  for (const t of choice.trials) await expect(status).toContainText(t.backend);
  expect(refusals).toEqual([]);

  await page.reload();
  await expect(status).toContainText(/^measured on \d{4}-\d\d-\d\d: fastest backend/, {
    timeout: 60_000,
  });
  expect(await page.evaluate(() => window.__segstudio?.state().backendChoice?.how)).toBe('cached');
  await expect(page.getByLabel('Compute backend')).toContainText(
    new RegExp(`^${winner.backend} · `),
  );
  await page.context().storageState({ path: BACKEND_STATE });
});
