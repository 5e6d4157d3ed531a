/**
 * Runs before the specs: a first start of the studio measures which backend trains
 * fastest and correctly, shows why it chose it, and remembers the measurement, so that a
 * reload starts at once. The remembered measurement (localStorage) is saved for the other
 * specs, which would otherwise each pay for timing every backend.
 */
import { expect, test as setup } from '@playwright/test';
import type {} from './helpers/hook-types';
import { BACKEND_STATE } from './helpers/storage';

setup('measures the backends at the first start and reuses the measurement', async ({ page }) => {
  setup.setTimeout(240_000);
  await page.goto('/');
  const status = page.getByLabel('Backend choice');
  await expect(status).toContainText('fastest backend that trains correctly', {
    timeout: 200_000,
  });
  const choice = await page.evaluate(() => window.__segstudio?.state().backendChoice);
  if (!choice) throw new Error('no backend choice in the store');
  expect(choice.how).toBe('measured');
  // This machine has no GPU: WebGPU and WebGL run on SwiftShader and must lose to WASM.
  expect(choice.trials.map((t) => t.backend)).toEqual(['wasm', 'webgpu', 'webgl']);
  const wasm = choice.trials[0];
  expect(wasm.ok).toBe(true);
  expect(wasm.maxRelError).toBeLessThanOrEqual(1e-3);
  expect(wasm.msPerStep).toBeGreaterThan(0);
  expect(choice.picked).toBe('wasm');
  await expect(page.getByLabel('Compute backend')).toContainText(/^wasm · /);
  await expect(status).toContainText(/wasm [\d,]+ ms\/step/);
  for (const t of choice.trials.slice(1)) await expect(status).toContainText(t.backend);

  await page.reload();
  await expect(status).toContainText(/^measured on \d{4}-\d\d-\d\d: fastest backend/, {
    timeout: 60_000,
  });
  expect(await page.evaluate(() => window.__segstudio?.state().backendChoice?.how)).toBe('cached');
  await page.context().storageState({ path: BACKEND_STATE });
});
