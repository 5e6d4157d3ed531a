/**
 * Comparing two models slice by slice on real PROMISE12 cases: a tiny ENet and a tiny
 * U-Net are trained in the worker, the compare view predicts and scores a case with both,
 * and draws the manual (yellow), ENet (red) and U-Net (green) contours on one slice; the
 * per-slice Dice chart, the worst-slice list, the model table and the exports work.
 */
import './helpers/hook-types';
import { readFile } from 'node:fs/promises';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { canvasPixelCount as colourCount } from './helpers/pixels';
import { HAS_DATA, NO_DATA_REASON } from './helpers/data';
import { setRunSize } from './helpers/settings';

test.skip(!HAS_DATA, NO_DATA_REASON);

const CASES = ['00', '01', '02', '03'];

async function trainTiny(page: Page, architecture: 'enet' | 'unet', epochs: number) {
  await page.getByLabel('Model', { exact: true }).selectOption(architecture);
  await setRunSize(page, { inputSize: 64, epochs, steps: 6, batch: 4 });
  const before = await page.evaluate(() => window.__segstudio?.state().runs.length ?? 0);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = () =>
    page.evaluate((n) => {
      const r = window.__segstudio?.state().runs[n];
      return r ? `${r.status}: ${r.message ?? ''}` : 'not started';
    }, before);
  await expect.poll(status, { timeout: 120_000 }).toMatch(/^(finished|stopped|error):/);
  expect(await status()).toMatch(/^finished:/);
}

/**
 * The slice of `caseName` where the label and both models' predictions have the most
 * foreground in common (the smallest of the three counts is largest), from the store.
 */
function bestSharedSlice(page: Page, caseName: string) {
  return page.evaluate((name) => {
    const s = window.__segstudio?.state();
    const study = s?.cases.find((c) => c.name === name);
    const label = study?.label ? s?.files[study.label]?.volumes?.[0] : undefined;
    const preds = (s?.runs ?? []).map((r) => s?.predictions[r.id]?.[name]);
    if (!label || preds.length !== 2 || preds.some((p) => !p)) return null;
    const [nx, ny, nz] = label.dims;
    let best = { k: 0, n: 0 };
    for (let k = 0; k < nz; k++) {
      const counts = [label, ...preds].map((v) => {
        let n = 0;
        for (let i = k * nx * ny; i < (k + 1) * nx * ny; i++) if (v?.data[i]) n++;
        return n;
      });
      const n = Math.min(...counts);
      if (n > best.n) best = { k, n };
    }
    return best;
  }, caseName);
}

/** Every figure of the model table is a number (or a size) for both models. */
async function expectModelTableFilled(panel: Locator): Promise<void> {
  const table = panel.getByRole('table', { name: 'Model comparison' });
  for (const row of [
    'Trainable parameters',
    'Non-trainable parameters',
    'Size on disk (weights)',
    'Inference ms / slice',
    'Inference ms / volume',
    'Dice',
  ]) {
    const name = new RegExp(`^${row.replace(/[()/]/g, '\\$&')}`);
    const cells = table.getByRole('row', { name }).getByRole('cell');
    await expect(cells).toHaveCount(2);
    for (const text of await cells.allTextContents()) expect(text).toMatch(/^[\d.,]+( k?M?B)?$/);
  }
  // The timings name the backend they were taken on, whichever the engine chose.
  const backend = await panel
    .page()
    .evaluate(() => window.__segstudio?.state().backendLabel.split(' ')[0] ?? '');
  expect(backend).toMatch(/^(wasm|webgpu|webgl|cpu)$/);
  await expect(table).toContainText(backend);
}

const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);

/** The colour of a structure in the Train viewer's legend (read while Train is shown). */
function legendColour(studio: Studio, structure: string): Promise<string> {
  const row = studio.legend().getByRole('listitem').filter({ hasText: structure });
  return background(row.locator('.viewer-swatch'));
}

/**
 * The gland has one name and one colour in both views: the metric tables name it as the
 * Train viewer's legend does, with the same swatch.
 */
async function expectOneStructureColour(panel: Locator, inTrain: string): Promise<void> {
  const table = panel.getByRole('table', { name: 'Summary metrics prostate' });
  await expect(table).toBeVisible();
  expect(await background(table.locator('caption .swatch'))).toBe(inTrain);
  expect(inTrain).toBe('rgb(255, 255, 0)');
}

/** CSV, JSON and PNG downloads with the comparison in them. */
async function expectExports(page: Page, panel: Locator, caseName: string): Promise<void> {
  const download = async (name: string) => {
    const started = page.waitForEvent('download');
    await panel.getByRole('button', { name }).click();
    return readFile((await (await started).path()) ?? '');
  };
  const csv = (await download('Export CSV')).toString('utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^row,side,model,case,structure,slice,dice,/);
  expect(csv).toContain(`case,A,ENet #1,${caseName},prostate,`);
  const json = JSON.parse((await download('Export JSON')).toString('utf8')) as {
    models: { architecture: string }[];
  };
  expect(json.models.map((m) => m.architecture)).toEqual(['enet', 'unet']);
  expect((await download('Export PNG')).subarray(1, 4).toString()).toBe('PNG');
}

test('compares ENet and U-Net slice by slice with contours, charts, tables and exports', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.openWithPromise12(CASES);
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });

  await studio.waitForViewer();
  const prostateInTrain = await legendColour(studio, 'prostate');

  await trainTiny(page, 'enet', 6);
  await trainTiny(page, 'unet', 4);

  await page.getByRole('tab', { name: 'Compare' }).click();
  const panel = page.getByRole('main', { name: 'Compare' });
  // The study's pair by default: ENet as A (red), U-Net as B (green).
  const picker = panel.getByRole('group', { name: 'Models to compare' });
  await expect(picker.getByRole('checkbox', { name: /^ENet #1/ })).toBeChecked();
  await expect(picker.getByRole('checkbox', { name: /^U-Net #1/ })).toBeChecked();
  await expect(picker).toContainText('ENet #1 A (red)');
  await expect(picker).toContainText('U-Net #1 B (green)');
  // Four cases make no test split: the validation case comes first.
  const caseName = await panel.getByLabel('Case', { exact: true }).inputValue();
  expect(
    await page.evaluate(
      (n) => window.__segstudio?.state().cases.find((c) => c.name === n)?.split,
      caseName,
    ),
  ).toBe('val');

  await panel.getByRole('button', { name: 'Run comparison' }).click();
  const chart = panel.getByRole('figure', { name: 'Per-slice Dice' });
  await expect(chart).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByRole('status', { name: 'Comparison progress' })).toHaveCount(0);
  expect(await chart.locator('circle').count()).toBeGreaterThan(0);

  // Figure 5: the three contours on one slice where all three have foreground.
  const best = await bestSharedSlice(page, caseName);
  expect(best?.n ?? 0).toBeGreaterThan(10);
  const viewer = panel.locator('section.viewer');
  await panel.getByRole('slider', { name: 'Slice' }).fill(String(best?.k ?? 0));
  await expect(viewer).toHaveAttribute('data-slice', String(best?.k ?? 0));
  await expect(viewer).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  const canvas = viewer.locator('canvas').first();
  const counts = {
    yellow: await colourCount(page, canvas, [255, 255, 0]),
    red: await colourCount(page, canvas, [255, 0, 0]),
    green: await colourCount(page, canvas, [0, 255, 0]),
  };
  test.info().annotations.push({ type: 'contour pixels', description: JSON.stringify(counts) });
  expect(counts.yellow).toBeGreaterThan(20);
  expect(counts.red).toBeGreaterThan(20);
  expect(counts.green).toBeGreaterThan(20);

  // The worst slice's button shows that slice.
  const worst = panel.getByRole('region', { name: 'Worst slices' }).getByRole('button').first();
  const target = Number((await worst.getAttribute('aria-label'))?.replace('Go to slice ', '')) - 1;
  const elsewhere = target === 0 ? 1 : target - 1;
  await panel.getByRole('slider', { name: 'Slice' }).fill(String(elsewhere));
  await expect(viewer).toHaveAttribute('data-slice', String(elsewhere));
  await worst.click();
  await expect(viewer).toHaveAttribute('data-slice', String(target));

  // Clicking a slice's column in the chart shows it too.
  await chart.locator(`rect.hit[data-slice="${elsewhere}"]`).click();
  await expect(viewer).toHaveAttribute('data-slice', String(elsewhere));

  await expectModelTableFilled(panel);
  await expectOneStructureColour(panel, prostateInTrain);
  await expect(panel.getByLabel('Empty-mask handling')).toContainText('n/a');

  // Side by side: two viewers on one shared slice; the arrow keys move both.
  await panel.getByLabel('View', { exact: true }).selectOption('side-by-side');
  const pair = panel.locator('section.viewer');
  await expect(pair).toHaveCount(2);
  await expect(pair.nth(0)).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(pair.nth(1)).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(pair.nth(1)).toHaveAttribute('data-slice', String(elsewhere));
  await pair.nth(0).locator('canvas').first().click();
  await page.keyboard.press('ArrowUp');
  await expect(pair.nth(0)).toHaveAttribute('data-slice', String(elsewhere + 1));
  await expect(pair.nth(1)).toHaveAttribute('data-slice', String(elsewhere + 1));

  await expectExports(page, panel, caseName);
});
