/**
 * 3-D networks in the real worker on real PROMISE12 volumes: a 3D U-Net chosen by its label
 * in the Model menu trains on patches with live curves, the memory estimate is shown
 * before it starts, its sliding-window prediction is drawn as a contour, and a prediction
 * shows its progress and can be cancelled.
 */
import './helpers/hook-types';
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON } from './helpers/data';
import { overlayPixelCount } from './helpers/pixels';
import { openSettings, setRunSize } from './helpers/settings';

test.skip(!HAS_DATA, NO_DATA_REASON);

/**
 * Chooses the 3D U-Net and a small run: batch 1 of 64x64x32 patches and `baseFilters`
 * (4: 87,915 trainable parameters). A patch as deep as the 32-slice volume makes its
 * sliding window 9 windows in-plane rather than the 343 of 32x32x8 ones at half-patch
 * stride, which keeps each epoch's validation and preview short.
 */
async function smallVolumeRun(
  page: Page,
  o: { epochs: number; steps: number; baseFilters: number },
): Promise<void> {
  await page.getByLabel('Model', { exact: true }).selectOption({ label: '3D U-Net' });
  await setRunSize(page, { inputSize: 64, epochs: o.epochs, steps: o.steps, batch: 1 });
  await page.getByLabel('Patch depth (slices)').fill('32');
  await page.getByLabel('Base filters').fill(String(o.baseFilters));
}

function lastRun(page: Page) {
  return page.evaluate(() => {
    const r = window.__segstudio?.state().runs.at(-1);
    return r
      ? {
          status: r.status,
          message: r.message ?? '',
          losses: r.steps.map((x) => x.loss),
          epochs: r.epochs.length,
          valLosses: r.epochs.map((e) => e.valLoss),
          params: r.params,
          predicting: r.predicting ?? null,
        }
      : null;
  });
}

test('trains a 3D U-Net on patches with live curves and draws its sliding-window prediction', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const studio = new Studio(page);
  await studio.openWithPromise12(['00', '01']);
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await page.getByLabel('Model', { exact: true }).selectOption({ label: '3D U-Net' });
  // The architecture's own training settings (seed 002's 64x64x16 patches and learning
  // rate, Dice + cross-entropy) and the memory a step takes, before anything runs.
  await openSettings(page, 'Network', 'Training');
  await expect(page.getByLabel('Patch depth (slices)')).toHaveValue('16');
  await expect(page.getByLabel('Loss', { exact: true })).toHaveValue('dice+ce');
  await expect(page.getByTestId('memory-estimate')).toContainText(
    /Memory: about \d+ MB per training step \(batch 2 of 64×64×16 patches\); fits/,
  );
  // A patch depth the poolings cannot halve is refused before a run starts.
  await page.getByLabel('Patch depth (slices)').fill('12');
  await expect(page.getByRole('alert').filter({ hasText: 'Patch depth 12' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await smallVolumeRun(page, { epochs: 2, steps: 3, baseFilters: 4 });
  await expect(page.getByTestId('memory-estimate')).toContainText('batch 1 of 64×64×32 patches');
  // A few steps of cross-entropy drive outputs that start at 0.5 towards the dominant
  // background; the Dice loss alone gives a barely trained network a contour to show.
  await page.getByLabel('Loss', { exact: true }).selectOption('dice');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  await expect
    .poll(async () => (await lastRun(page))?.params?.trainable, { timeout: 30_000 })
    .toBe(87_915);
  await expect(page.getByRole('img', { name: 'Training loss per step' })).toBeVisible({
    timeout: 30_000,
  });
  await expect
    .poll(
      async () => {
        const r = await lastRun(page);
        return r ? `${r.status}: ${r.message}` : 'not started';
      },
      { timeout: 90_000 },
    )
    .toMatch(/^(finished|stopped|error)/);
  const run = await lastRun(page);
  expect(run?.status).toBe('finished');
  expect(run?.epochs).toBe(2);
  expect(run?.losses).toHaveLength(6);
  expect(run?.losses.every(Number.isFinite)).toBe(true);
  // Each epoch validated the held-out case by sliding window.
  expect(run?.valLosses.every((v) => v !== null && Number.isFinite(v))).toBe(true);
  await expect(page.getByRole('img', { name: /per epoch$/ })).toBeVisible();

  // The selected case is predicted by sliding window after the run, on its own grid; the
  // previews after each epoch and that prediction end before anything else is asked.
  await expect.poll(async () => (await lastRun(page))?.predicting, { timeout: 60_000 }).toBeNull();
  const best = await page.evaluate(() => {
    const s = window.__segstudio?.state();
    const r = s?.runs.at(-1);
    const pred = r && s?.selectedCase ? s.predictions[r.id]?.[s.selectedCase] : undefined;
    if (!pred) return null;
    const [nx, ny, nz] = pred.dims;
    let bestK = 0;
    let bestN = 0;
    for (let k = 0; k < nz; k++) {
      let n = 0;
      for (let i = k * nx * ny; i < (k + 1) * nx * ny; i++) if (pred.data[i] !== 0) n++;
      if (n > bestN) [bestK, bestN] = [k, n];
    }
    return { k: bestK, n: bestN, dims: pred.dims };
  });
  expect(best?.dims).toEqual([128, 128, 32]);
  expect(best?.n ?? 0).toBeGreaterThan(20);
  await page
    .getByRole('combobox', { name: 'Manual label style' })
    .selectOption({ label: 'Contour' });
  await page.getByRole('slider', { name: 'Slice' }).fill(String(best?.k ?? 0));
  await studio.waitForViewer();
  expect(await overlayPixelCount(page, [255, 0, 0])).toBeGreaterThan(20);

  // A prediction shows its progress and can be cancelled; the mask shown stays.
  await page.getByRole('button', { name: /^Predict train/ }).click();
  await expect(page.getByTestId('prediction-progress')).toContainText(/predicting train\d+: \d+ %/);
  await page.getByRole('button', { name: 'Cancel prediction' }).click();
  await expect(page.getByLabel('Run status')).toContainText(/prediction of train\d+ cancelled/);
  await expect(page.getByTestId('prediction-progress')).toHaveCount(0);
  expect(await overlayPixelCount(page, [255, 0, 0])).toBeGreaterThan(20);
});
