/**
 * Every network of the source documents from the Train panel on real PROMISE12 cases: each
 * architecture beyond U-Net and ENet is chosen by its name, trains a few steps with live
 * curves, and draws its predicted contour; then three of them are compared in one table,
 * one contour colour each.
 */
import './helpers/hook-types';
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON } from './helpers/data';
import { canvasPixelCount } from './helpers/pixels';
import { openSettings } from './helpers/settings';
import { trainTiny } from './helpers/tiny-run';

test.skip(!HAS_DATA, NO_DATA_REASON);

const CASES = ['03', '04', '05'];
/**
 * The networks added to the studio's U-Net and ENet, by the Model menu's labels. DeepLabv3+
 * divides its input by 16: at 64 px its 4x4 maps learn nothing in a few steps.
 */
const NETWORKS = [
  { kind: 'dscnn', label: 'DS-CNN', inputSize: 64 },
  { kind: 'fcn', label: 'FCN-8s', inputSize: 64 },
  { kind: 'fcdensenet', label: 'FC-DenseNet', inputSize: 64 },
  { kind: 'deeplabv3plus', label: 'DeepLabv3+', inputSize: 128 },
];

/** The axial slice of `runId`'s prediction of the selected case with most foreground. */
function fullestPredictedSlice(page: Page, runId: string) {
  return page.evaluate((id) => {
    const s = window.__segstudio?.state();
    const pred = s?.selectedCase ? s.predictions[id]?.[s.selectedCase] : undefined;
    if (!pred) return null;
    const [nx, ny, nz] = pred.dims;
    let best = { k: 0, n: 0 };
    for (let k = 0; k < nz; k++) {
      let n = 0;
      for (let i = k * nx * ny; i < (k + 1) * nx * ny; i++) if (pred.data[i] !== 0) n++;
      if (n > best.n) best = { k, n };
    }
    return best;
  }, runId);
}

test('trains every added architecture from the Train panel and compares three of them', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const studio = new Studio(page);
  await studio.openWithPromise12(CASES);
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  // A barely trained network should still show a contour: predictions as the networks
  // give them, the Dice loss alone (cross-entropy first drives outputs that start at 0.5
  // towards the dominant background), and slices with prostate only.
  await openSettings(page, 'Data', 'Training');
  await page.getByRole('checkbox', { name: /largest connected region/ }).uncheck();
  await page.getByRole('checkbox', { name: 'Drop slices without foreground' }).check();
  await page.getByLabel('Loss', { exact: true }).selectOption('dice');

  const trained: { id: string; name: string; kind: string }[] = [];
  for (const net of NETWORKS) {
    const model = page.getByLabel('Model', { exact: true });
    await model.selectOption({ label: net.label });
    await expect(model).toHaveValue(net.kind);
    const run = await trainTiny(page, {
      architecture: net.kind,
      inputSize: net.inputSize,
      epochs: 1,
      steps: 6,
    });
    trained.push({ ...run, kind: net.kind });
    const state = await page.evaluate(
      (id) => window.__segstudio?.state().runs.find((r) => r.id === id),
      run.id,
    );
    expect(state?.architecture).toBe(net.kind);
    expect(state?.steps.length).toBe(6);
    expect(state?.params?.trainable ?? 0).toBeGreaterThan(10_000);
    await expect(page.getByRole('img', { name: 'Training loss per step' })).toBeVisible();
    // Its contour on the slice where it predicts most.
    const best = await fullestPredictedSlice(page, run.id);
    expect(best?.n ?? 0, `${net.label} predicts some foreground`).toBeGreaterThan(0);
    await page.getByRole('slider', { name: 'Slice' }).fill(String(best?.k ?? 0));
    await studio.waitForViewer();
    const canvas = page.locator('section.viewer canvas').first();
    expect(await canvasPixelCount(page, canvas, [255, 0, 0])).toBeGreaterThan(0);
  }

  await page.getByRole('tab', { name: 'Compare' }).click();
  const panel = page.getByRole('main', { name: 'Compare' });
  const picker = panel.getByRole('group', { name: 'Models to compare' });
  for (const box of await picker.getByRole('checkbox').all()) await box.uncheck();
  for (const t of trained.slice(0, 3)) {
    await picker
      .getByRole('checkbox', { name: new RegExp(`^${t.name.replace(/[+#]/g, '\\$&')}`) })
      .check();
  }
  await expect(picker).toContainText('C (blue)');
  await panel.getByRole('button', { name: 'Run comparison' }).click();
  const chart = panel.getByRole('figure', { name: 'Per-slice Dice' });
  await expect(chart).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByRole('status', { name: 'Comparison progress' })).toHaveCount(0);
  const table = panel.getByRole('table', { name: 'Model comparison' });
  const header = table.getByRole('row').first();
  for (const [i, t] of trained.slice(0, 3).entries()) {
    await expect(header).toContainText(`${'ABC'[i]}: ${t.name}`);
  }
  await expect(table.getByRole('row', { name: /^Architecture/ })).toContainText(
    /DS-CNN.*FCN-8s.*FC-DenseNet/,
  );
  for (const row of ['Trainable parameters', 'Inference ms / slice']) {
    await expect(
      table.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell'),
    ).toHaveCount(3);
  }
  // One line per model in the per-slice chart, in the three models' colours.
  const strokes = await chart
    .locator('polyline')
    .evaluateAll((lines) => [...new Set(lines.map((l) => l.getAttribute('stroke')))]);
  expect(strokes.sort()).toEqual(['rgb(0, 140, 255)', 'rgb(0, 255, 0)', 'rgb(255, 0, 0)'].sort());
});
