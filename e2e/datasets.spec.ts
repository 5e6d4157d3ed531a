/**
 * Data in: the sample on first open, PROMISE12 files through the file input and through
 * the drop zone, the viewer drawing the label, and bad files reported without losing
 * what is loaded.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON, dataBytes, dataFile } from './helpers/data';
import { overlayPixelCount } from './helpers/pixels';

test('opens with the built-in sample in the viewer', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForCases(['phantom_01']);
  await studio.waitForViewer();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test.describe('real PROMISE12 data', () => {
  test.skip(!HAS_DATA, NO_DATA_REASON);

  test('pairs picked files, shows the label overlay, and survives a corrupted file', async ({
    page,
  }) => {
    const studio = new Studio(page);
    await studio.open();
    await studio.waitForCases(['phantom_01']);
    const problems = page.getByRole('list', { name: 'Problems' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    // A first drop with nothing usable in it reports the file and leaves the sample.
    await studio.pickBuffers([
      { name: 'scan.nii.gz', bytes: Buffer.concat([png, Buffer.alloc(400)]) },
    ]);
    await expect(problems).toContainText('scan.nii.gz');
    await expect(studio.caseRow('phantom_01')).toBeVisible();

    await studio.pickFiles([
      dataFile('promise12/image_train00.nii.gz'),
      dataFile('promise12/label_train00.nii.gz'),
      dataFile('promise12/image_train01.nii.gz'),
      dataFile('promise12/label_train01.nii.gz'),
    ]);
    await studio.waitForCases(['train00', 'train01']);
    await studio.waitForLoadingDone();
    const row = studio.caseRow('train00');
    await expect(row).toContainText('label_train00.nii.gz');
    await expect(row).toContainText('128×128×32');
    await expect(row).toContainText('0, 1');

    await row.getByRole('button', { name: 'Show case train00' }).click();
    // Move to a slice through the gland and draw the label as an opaque contour.
    await page.getByRole('slider', { name: 'Slice' }).fill('16');
    await page
      .getByRole('combobox', { name: 'Manual label style' })
      .selectOption({ label: 'Contour' });
    await studio.waitForViewer();
    const withLabel = await overlayPixelCount(page, [255, 255, 0]);
    expect(withLabel).toBeGreaterThan(50);
    await page.getByRole('checkbox', { name: 'Show Manual label' }).uncheck();
    await studio.waitForViewer();
    expect(await overlayPixelCount(page, [255, 255, 0])).toBeLessThan(withLabel / 10);
    await page.getByRole('checkbox', { name: 'Show Manual label' }).check();

    // A truncated download and a PNG renamed .nii.gz: errors name the files, data stays.
    const real = dataBytes('promise12/image_train02.nii.gz');
    await studio.pickBuffers([
      { name: 'image_train02.nii.gz', bytes: real.subarray(0, real.length >> 1) },
      { name: 'label_train02.nii.gz', bytes: dataBytes('promise12/label_train02.nii.gz') },
      { name: 'photo.nii.gz', bytes: Buffer.concat([png, Buffer.alloc(400)]) },
    ]);
    await expect(problems).toContainText('image_train02.nii.gz');
    await expect(problems).toContainText(/truncated/i);
    // Its label cannot make a case without it, and says so.
    await expect(problems).toContainText(/label_train02\.nii\.gz: not loaded, because its image/);
    await expect(problems).toContainText('photo.nii.gz');
    await expect(studio.caseRow('train00')).toBeVisible();
    await expect(studio.caseRow('train01')).toBeVisible();
  });

  test('drops files on the drop zone and flags a label on another grid', async ({ page }) => {
    const studio = new Studio(page);
    await studio.open();
    // train07's "label" is the ProstateX lesion mask: a 384 x 384 x 19 grid, not 128 x 128 x 32.
    await studio.drop([
      { path: 'image_train05.nii.gz', bytes: dataBytes('promise12/image_train05.nii.gz') },
      { path: 'label_train05.nii.gz', bytes: dataBytes('promise12/label_train05.nii.gz') },
      { path: 'image_train07.nii.gz', bytes: dataBytes('promise12/image_train07.nii.gz') },
      {
        path: 'label_train07.nii.gz',
        bytes: dataBytes('prostatex/ProstateX-0000_07-07-2011_lesion.nii.gz'),
      },
    ]);
    await studio.waitForCases(['train05', 'train07']);
    await studio.waitForLoadingDone();
    await expect(studio.caseRow('train05')).toContainText('label_train05.nii.gz');
    await expect(studio.caseRow('train07')).toContainText('not usable');
    await expect(studio.caseProblem('train07')).toContainText(/grid/i);
    // The user's data replaces the demo sample.
    await expect(studio.caseRow('phantom_01')).toHaveCount(0);

    // Closing the tab by mistake: a reload brings the dataset, its pairing and the case on
    // screen back.
    await page.getByRole('combobox', { name: 'Split of train05' }).selectOption('test');
    await page.getByRole('button', { name: 'Show case train07', exact: true }).click();
    await expect(studio.caseRow('train07')).toHaveAttribute('aria-selected', 'true');
    await page.waitForTimeout(600);
    await page.reload();
    await studio.waitForCases(['train05', 'train07']);
    await studio.waitForLoadingDone();
    await expect(studio.caseRow('train05')).toContainText('label_train05.nii.gz');
    await expect(page.getByRole('combobox', { name: 'Split of train05' })).toHaveValue('test');
    await expect(studio.caseRow('train07')).toHaveAttribute('aria-selected', 'true');
    await expect(studio.caseRow('phantom_01')).toHaveCount(0);
  });
});

test.describe('pre-split folders', () => {
  test.skip(!HAS_DATA, NO_DATA_REASON);

  test('a folder of train / validate / test slice folders sets each case split', async ({
    page,
  }, info) => {
    // The layout 2-D slice datasets come in: images and `seg_` masks in sibling folders.
    const root = path.join(info.outputDir, 'HipMRI');
    const layout: [string, string, string][] = [
      ['train', '00', '000'],
      ['train', '02', '002'],
      ['validate', '04', '004'],
      ['test', '06', '006'],
    ];
    for (const [split, n, id] of layout) {
      const images = path.join(root, `keras_slices_${split}`);
      const masks = path.join(root, `keras_slices_seg_${split}`);
      mkdirSync(images, { recursive: true });
      mkdirSync(masks, { recursive: true });
      copyFileSync(
        dataFile(`promise12/image_train${n}.nii.gz`),
        path.join(images, `case_${id}.nii.gz`),
      );
      copyFileSync(
        dataFile(`promise12/label_train${n}.nii.gz`),
        path.join(masks, `seg_${id}.nii.gz`),
      );
    }
    const studio = new Studio(page);
    await studio.open();
    await page.getByLabel('Choose a folder').setInputFiles(root);
    await studio.waitForCases(['case_000', 'case_002', 'case_004', 'case_006']);
    await studio.waitForLoadingDone();
    await expect(studio.caseRow('case_004')).toContainText('seg_004.nii.gz');
    const split = (name: string) => page.getByRole('combobox', { name: `Split of ${name}` });
    await expect(split('case_000')).toHaveValue('train');
    await expect(split('case_002')).toHaveValue('train');
    await expect(split('case_004')).toHaveValue('val');
    await expect(split('case_006')).toHaveValue('test');
    // Still the user's to change.
    await split('case_002').selectOption('val');
    await expect(split('case_002')).toHaveValue('val');
  });
});
