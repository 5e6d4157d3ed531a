/**
 * A newcomer's data on real PROMISE12 and BraTS files: a removed case (or a file that
 * failed) can be loaded again, also after a reload; label values are named from the
 * data and the names can be edited and are kept; every case opens on its label.
 */
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON, dataBytes, dataFile } from './helpers/data';

test.skip(!HAS_DATA, NO_DATA_REASON);

const BRATS_CASE = 'brats_2013_pat0003_1';

const promise = (n: string) => [
  dataFile(`promise12/image_train${n}.nii.gz`),
  dataFile(`promise12/label_train${n}.nii.gz`),
];

function loadedPaths(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window.__segstudio?.state().files ?? {}));
}

/** Axial slices of `caseName`'s label holding any of `values` (any non-zero when null). */
function labelSlices(page: Page, caseName: string, values: number[] | null): Promise<number[]> {
  return page.evaluate(
    ({ caseName, values }) => {
      const s = window.__segstudio?.state();
      const c = s?.cases.find((x) => x.name === caseName);
      const label = c?.label ? s?.files[c.label]?.volumes?.[0] : undefined;
      if (!label) return [];
      const [nx, ny, nz] = label.dims;
      const out: number[] = [];
      for (let k = 0; k < nz; k++) {
        for (let i = k * nx * ny; i < (k + 1) * nx * ny; i++) {
          const v = label.data[i];
          if (values ? values.includes(v) : v !== 0) {
            out.push(k);
            break;
          }
        }
      }
      return out;
    },
    { caseName, values },
  );
}

/** The viewer shows a slice of the label, in the middle of the slices that hold it. */
async function expectOnLabel(studio: Studio, caseName: string, values: number[] | null = null) {
  const slices = await labelSlices(studio.page, caseName, values);
  expect(slices.length).toBeGreaterThan(0);
  const middle = (slices[0] + slices[slices.length - 1]) / 2;
  await expect
    .poll(async () => Math.abs((await studio.viewerSlice()) - middle), { timeout: 30_000 })
    .toBeLessThanOrEqual(1);
  expect(slices).toContain(await studio.viewerSlice());
}

async function openBrats(studio: Studio): Promise<void> {
  await studio.page
    .getByLabel('Choose a folder')
    .setInputFiles(dataFile(`brats2015/${BRATS_CASE}`));
  await studio.waitForCases([BRATS_CASE]);
  await studio.waitForLoadingDone();
  await studio.waitForViewer();
}

test('a removed case comes back when its files are loaded again, also after a reload', async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.pickFiles([...promise('00'), ...promise('01')]);
  await studio.waitForCases(['train00', 'train01']);
  await studio.waitForLoadingDone();

  await page.getByRole('button', { name: 'Remove case train00' }).click();
  await expect(studio.caseRow('train00')).toHaveCount(0);
  expect(await loadedPaths(page)).toEqual(
    expect.not.arrayContaining(['image_train00.nii.gz', 'label_train00.nii.gz']),
  );
  await studio.pickFiles(promise('00'));
  await studio.waitForCases(['train00']);
  await studio.waitForLoadingDone();
  await expect(studio.problems('already loaded')).toHaveCount(0);

  // Removed for good: the stored copy forgets its files too, so a reload brings nothing back.
  await page.getByRole('button', { name: 'Remove case train00' }).click();
  await page.waitForTimeout(600);
  await page.reload();
  await studio.waitForCases(['train01']);
  await studio.waitForLoadingDone();
  await expect(studio.caseRow('train00')).toHaveCount(0);
  expect(await loadedPaths(page)).not.toContain('image_train00.nii.gz');
  await studio.pickFiles(promise('00'));
  await studio.waitForCases(['train00']);
  await studio.waitForLoadingDone();
  await expect(studio.caseRow('train00')).toContainText('label_train00.nii.gz');
  await expect(studio.problems('already loaded')).toHaveCount(0);

  // A copy of a file still in use is refused, once per file, naming its case.
  await studio.pickFiles(promise('01'));
  await expect(studio.problems('image_train01.nii.gz')).toHaveCount(1);
  await expect(studio.problems('image_train01.nii.gz')).toContainText(
    'already loaded in case "train01"',
  );
  await expect(studio.problems('label_train01.nii.gz')).toHaveCount(1);
});

test('a file that failed to load is replaced by a good copy', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  const image = dataBytes('promise12/image_train02.nii.gz');
  const label = dataBytes('promise12/label_train03.nii.gz');
  await studio.pickBuffers([
    { name: 'image_train02.nii.gz', bytes: image.subarray(0, image.length >> 1) },
    { name: 'label_train02.nii.gz', bytes: dataBytes('promise12/label_train02.nii.gz') },
    { name: 'image_train03.nii.gz', bytes: dataBytes('promise12/image_train03.nii.gz') },
    { name: 'label_train03.nii.gz', bytes: label.subarray(0, label.length >> 1) },
  ]);
  await studio.waitForCases(['train03']);
  await studio.waitForLoadingDone();
  await expect(studio.problems('image_train02.nii.gz: truncated')).toHaveCount(1);
  // Its label has no case without it, and says so.
  await expect(studio.problems('label_train02.nii.gz')).toContainText('not loaded, because');
  await expect(studio.caseRow('train02')).toHaveCount(0);
  await expect(studio.caseProblem('train03')).toContainText('could not be read');

  // Fixed copies: the image makes its case, the label completes the case that waited for it.
  await studio.pickFiles([...promise('02'), dataFile('promise12/label_train03.nii.gz')]);
  await studio.waitForCases(['train02']);
  await studio.waitForLoadingDone();
  await expect(studio.caseRow('train02')).toContainText('label_train02.nii.gz');
  await expect(studio.caseRow('train02')).toContainText('0, 1');
  await expect(studio.caseRow('train03')).toContainText('0, 1');
  await expect(studio.caseProblem('train03')).toHaveCount(0);
  await expect(studio.caseRow('train03')).not.toContainText('not usable');
  await expect(studio.problems('already loaded')).toHaveCount(0);
});

test('labels are named from the data, editable, and kept with the dataset', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForViewer();
  // The sample's own structures.
  for (const name of ['body', 'bone', 'bladder', 'rectum', 'prostate'])
    await expect(studio.legend()).toContainText(name);

  await openBrats(studio);
  const legend = studio.legend();
  for (const name of ['necrosis', 'oedema', 'enhancing tumour'])
    await expect(legend).toContainText(name);
  for (const name of ['body', 'bone', 'bladder', 'rectum', 'prostate'])
    await expect(legend).not.toContainText(name);
  const names = page.getByRole('region', { name: 'Label names' });
  await expect(names).toContainText('BraTS convention');
  await expect(names.getByRole('textbox', { name: 'Name of label 3' })).toHaveValue(
    'non-enhancing tumour',
  );

  // The user's name, then a label table dropped later, both show in the legend.
  await names.getByRole('textbox', { name: 'Name of label 2' }).fill('peritumoural oedema');
  await expect(legend).toContainText('peritumoural oedema');
  await studio.pickBuffers([
    { name: 'labels.json', bytes: Buffer.from('{"labels": {"4": "active tumour"}}') },
  ]);
  await expect(legend).toContainText('active tumour');
  await expect(names.getByRole('textbox', { name: 'Name of label 2' })).toHaveValue(
    'peritumoural oedema',
  );
  await expect(studio.problems('labels.json')).toHaveCount(0);

  await page.waitForTimeout(600);
  await page.reload();
  await studio.waitForCases([BRATS_CASE]);
  await studio.waitForLoadingDone();
  await studio.waitForViewer();
  await expect(names.getByRole('textbox', { name: 'Name of label 2' })).toHaveValue(
    'peritumoural oedema',
  );
  await expect(names.getByRole('textbox', { name: 'Name of label 4' })).toHaveValue(
    'active tumour',
  );
  await expect(legend).toContainText('active tumour');
  await expect(legend).not.toContainText('bone');
});

test('every case opens on its label: the sample, each PROMISE12 case, a BraTS case', async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForViewer();
  // The sample is learnt for its prostate (value 5): it opens there.
  const sample = await page.evaluate(() => window.__segstudio?.state().selectedCase ?? '');
  await expectOnLabel(studio, sample, [5]);

  await studio.pickFiles([...promise('00'), ...promise('01')]);
  await studio.waitForCases(['train00', 'train01']);
  await studio.waitForLoadingDone();
  await studio.waitForViewer();
  await expectOnLabel(studio, 'train00');
  await page.getByRole('button', { name: 'Show case train01' }).click();
  await studio.waitForViewer();
  await expectOnLabel(studio, 'train01');
  // Away from the gland, then back to the first case: it opens on its gland again.
  await page.getByRole('slider', { name: 'Slice' }).fill('0');
  await expect.poll(() => studio.viewerSlice()).toBe(0);
  await page.getByRole('button', { name: 'Show case train00' }).click();
  await studio.waitForViewer();
  await expectOnLabel(studio, 'train00');

  await openBrats(studio);
  await expectOnLabel(studio, BRATS_CASE);
  // A named structure also appears in the PROMISE12 legend.
  await page.getByRole('button', { name: 'Show case train00' }).click();
  await expect(studio.legend()).toContainText('prostate');
});
