/**
import './helpers/hook-types';
 * Training in the real worker on real PROMISE12 slices: curves move and the loss falls,
 * the run can be stopped, and the model's prediction is drawn as a contour.
 */
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON, dataFile } from './helpers/data';
import { overlayPixelCount } from './helpers/pixels';

test.skip(!HAS_DATA, NO_DATA_REASON);

const CASES = ['00', '01', '02', '03', '04'];

async function loadCases(studio: Studio): Promise<void> {
  await studio.open();
  await studio.pickFiles(
    CASES.flatMap((n) => [
      dataFile(`promise12/image_train${n}.nii.gz`),
      dataFile(`promise12/label_train${n}.nii.gz`),
    ]),
  );
  await studio.waitForCases(CASES.map((n) => `train${n}`));
  await studio.waitForLoadingDone();
}

async function setTiny(page: Page, epochs: number, steps: number): Promise<void> {
  await page.getByLabel('Input size (px)').fill('64');
  await page.getByLabel('Epochs').fill(String(epochs));
  await page.getByLabel('Steps per epoch (0 = all slices)').fill(String(steps));
  await page.getByLabel('Batch size').fill('4');
}

function runState(page: Page) {
  return page.evaluate(() => {
    const s = window.__segstudio?.state();
    const r = s?.runs.at(-1);
    return r
      ? { status: r.status, steps: r.steps.map((x) => x.loss), epochs: r.epochs.length, id: r.id }
      : null;
  });
}

test('trains a U-Net with live curves, stops it, and draws the predicted contour', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await loadCases(studio);
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await setTiny(page, 50, 8);
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  await expect(page.getByRole('img', { name: 'Training loss per step' })).toBeVisible({
    timeout: 60_000,
  });
  await expect
    .poll(async () => (await runState(page))?.epochs ?? 0, { timeout: 240_000 })
    .toBeGreaterThanOrEqual(4);
  const losses = (await runState(page))?.steps ?? [];
  expect(losses.length).toBeGreaterThanOrEqual(32);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(mean(losses.slice(-8))).toBeLessThan(0.8 * mean(losses.slice(0, 4)));

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: 60_000 });

  // The selected case is predicted after the run; go to its slice with most foreground.
  const best = await page
    .waitForFunction(
      () => {
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
        return { k: bestK, n: bestN };
      },
      null,
      { timeout: 60_000 },
    )
    .then((h) => h.jsonValue());
  expect(best?.n ?? 0).toBeGreaterThan(20);
  await page
    .getByRole('combobox', { name: 'Manual label style' })
    .selectOption({ label: 'Contour' });
  await page.getByRole('slider', { name: 'Slice' }).fill(String(best?.k ?? 0));
  await studio.waitForViewer();
  expect(await overlayPixelCount(page, [255, 0, 0])).toBeGreaterThan(20);
  await page.getByRole('checkbox', { name: 'Show Prediction' }).uncheck();
  await studio.waitForViewer();
  expect(await overlayPixelCount(page, [255, 0, 0])).toBeLessThan(5);
});

test('the WebGPU backend trains on the software adapter', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await loadCases(studio);
  await page.getByLabel('Backend', { exact: true }).selectOption('webgpu');
  await expect(page.getByLabel('Compute backend')).toContainText('webgpu', { timeout: 120_000 });
  await page.getByLabel('Input size (px)').fill('32');
  await page.getByLabel('Epochs').fill('1');
  await page.getByLabel('Steps per epoch (0 = all slices)').fill('2');
  await page.getByLabel('Batch size').fill('2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 240_000 });
  const r = await runState(page);
  expect(r?.steps).toHaveLength(2);
  for (const l of r?.steps ?? []) expect(Number.isFinite(l) && l > 0).toBe(true);
});
