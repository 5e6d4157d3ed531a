/**
 * What a tester met in a first session: clear messages for damaged files (empty, zero
 * spacing, a float label, a wrong data offset), a problem list that stays compact, a
 * dataset table that fits its panel, a help dialog that covers the whole studio, and a
 * question before the user's files replace the sample a model is training on.
 */
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON, dataBytes, dataFile } from './helpers/data';
import { asFloat32Label, gzip, rawNifti, withSpacing, withVoxOffset } from './helpers/nifti-bytes';
import { setRunSize } from './helpers/settings';

test.describe('messages about damaged files', () => {
  test.skip(!HAS_DATA, NO_DATA_REASON);

  test('an empty file gets one message that says it is empty', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.pickBuffers([{ name: 'image_train09.nii.gz', bytes: Buffer.alloc(0) }]);
    await expect(studio.problems('image_train09.nii.gz')).toHaveCount(1);
    await expect(studio.problems()).toHaveCount(1);
    await expect(studio.problems('image_train09.nii.gz')).toContainText('empty (0 bytes)');
  });

  test('a zero, negative or NaN spacing loads with a safe spacing and a warning per file', async ({
    page,
  }) => {
    const studio = new Studio(page);
    await studio.open();
    const bad: [number, number, number] = [0, -1, Number.NaN];
    await studio.pickBuffers([
      {
        name: 'image_train03.nii.gz',
        bytes: gzip(withSpacing(rawNifti('promise12/image_train03.nii.gz'), bad)),
      },
      {
        name: 'label_train03.nii.gz',
        bytes: gzip(withSpacing(rawNifti('promise12/label_train03.nii.gz'), bad)),
      },
    ]);
    await studio.waitForCases(['train03']);
    await studio.waitForLoadingDone();
    await expect(studio.caseRow('train03')).toContainText('1×1×2');
    for (const file of ['image_train03.nii.gz', 'label_train03.nii.gz']) {
      const warning = studio.problems(file);
      await expect(warning).toHaveCount(1);
      await expect(warning).toContainText('warning');
      await expect(warning).toContainText('voxel spacing 0 x -1 x NaN mm');
      await expect(warning).toContainText('loaded with 1 x 1 x 2 mm');
    }
  });

  test('a float label value prints as written, and a bad data offset gives real sizes', async ({
    page,
  }) => {
    const studio = new Studio(page);
    await studio.open();
    const image = rawNifti('promise12/image_train04.nii.gz');
    await studio.pickBuffers([
      { name: 'image_train05.nii.gz', bytes: dataBytes('promise12/image_train05.nii.gz') },
      {
        name: 'label_train05.nii',
        bytes: asFloat32Label(rawNifti('promise12/label_train05.nii.gz'), (v) => (v ? 0.37 : 0)),
      },
      { name: 'image_train04.nii', bytes: withVoxOffset(image, 2_000_000) },
    ]);
    await studio.waitForCases(['train05']);
    await studio.waitForLoadingDone();
    const problem = studio.caseProblem('train05');
    await expect(problem).toContainText('(e.g. 0.37)');
    await expect(problem).not.toContainText('0.3700000047683716');
    const offset = studio.problems('image_train04.nii');
    await expect(offset).toContainText('from byte 2000000');
    await expect(offset).toContainText(`it is ${image.length} bytes`);
    await expect(offset).not.toContainText('holds 0 bytes');
  });
});

test('many problems stay in a compact list, below which the table stays in view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const studio = new Studio(page);
  await studio.open();
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(400)]);
  await studio.pickBuffers(
    Array.from({ length: 14 }, (_, i) => ({ name: `photo${i}.nii.gz`, bytes: png })),
  );
  await expect(studio.problems()).toHaveCount(14);
  const list = page.getByRole('list', { name: 'Problems' });
  expect((await list.boundingBox())?.height ?? 1e9).toBeLessThan(200);
  await page.getByRole('button', { name: 'Load sample' }).click();
  await studio.waitForCases(['phantom_00']);
  await expect(studio.caseRow('phantom_00')).toBeInViewport();
  await page.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(list).toHaveCount(0);
});

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
]) {
  test(`the dataset table fits its panel at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const studio = new Studio(page);
    await studio.open();
    await studio.waitForCases(['phantom_07']);
    const panel = page.getByRole('complementary', { name: 'Datasets' });
    const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const edge = await panel.evaluate((el) => el.getBoundingClientRect().left + el.clientWidth);
    for (const name of ['phantom_00', 'phantom_07']) {
      const row = studio.caseRow(name);
      const remove = await row.getByRole('button', { name: `Remove case ${name}` }).boundingBox();
      const cell = await row.getByRole('cell').last().boundingBox();
      const right = (remove?.x ?? 1e9) + (remove?.width ?? 0);
      // Whole: inside the panel and not cut by its own cell.
      expect(right).toBeLessThanOrEqual(edge);
      expect(right).toBeLessThanOrEqual((cell?.x ?? 0) + (cell?.width ?? 0));
      // One case, one compact row: nothing wraps onto a third line.
      expect((await row.boundingBox())?.height ?? 1e9).toBeLessThan(40);
      await expect(row.getByRole('cell').nth(1)).toHaveAttribute('title', /_seg\.nii\.gz/);
    }
  });
}

test('help explains training, curves, predictions, models and Compare', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await page.getByRole('button', { name: 'Help' }).click();
  const help = page.getByRole('dialog', { name: 'Help' });
  const section = (name: string) => help.getByRole('region', { name });
  for (const word of ['Train', 'Pause', 'Stop', 'Space', 'curves', 'Dice'])
    await expect(section('Training')).toContainText(word);
  for (const word of ['contour', 'Export mask', 'Download model', 'Load model'])
    await expect(section('Predictions and models')).toContainText(word);
  for (const word of ['Compare', 'Run comparison', 'per-slice Dice', 'CSV'])
    await expect(section('Compare')).toContainText(word);
  await expect(section('Keyboard shortcuts')).toContainText('Pause / resume training');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});

function runStatus(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.__segstudio?.state().runs.at(-1)?.status);
}

test('loading files while the sample trains asks first, and keeps the sample on "no"', async ({
  page,
}) => {
  test.skip(!HAS_DATA, NO_DATA_REASON);
  const studio = new Studio(page);
  await studio.open();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await setRunSize(page, { inputSize: 64, epochs: 50, steps: 4, batch: 2 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('running');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => runStatus(page)).toBe('paused');

  const files = [
    dataFile('promise12/image_train00.nii.gz'),
    dataFile('promise12/label_train00.nii.gz'),
  ];
  await studio.pickFiles(files);
  const ask = page.getByRole('dialog', { name: 'Replace the sample while it trains?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep the sample' }).click();
  await expect(ask).toBeHidden();
  expect(await page.evaluate(() => window.__segstudio?.state().datasetName)).toBe('sample');
  expect(await runStatus(page)).toBe('paused');
  await expect(studio.caseRow('phantom_00')).toBeVisible();
  await expect(studio.caseRow('train00')).toHaveCount(0);

  await studio.pickFiles(files);
  await ask.getByRole('button', { name: 'Stop training and load my files' }).click();
  await studio.waitForCases(['train00']);
  await expect(studio.caseRow('phantom_00')).toHaveCount(0);
  await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('stopped');
});
