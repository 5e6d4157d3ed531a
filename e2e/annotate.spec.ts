/**
 * Correct and fine-tune in the tab, on real PROMISE12 scans: strokes drawn with the mouse
 * land on the voxels under them (the patient's right on the screen's left), erase and
 * undo work, and the edit is still there after a reload; a model's prediction taken as a
 * draft and corrected slice by slice fine-tunes the model, whose Dice on that scan rises,
 * even though the engine died in between; and models are kept by id, so importing one
 * does not change what an earlier run predicts.
 */
import { expect, test, type Page } from '@playwright/test';
import { readNifti } from '../src/io/nifti-read';
import {
  downloadsOf,
  goToSlice,
  labelState,
  labelVoxels,
  openAnnotate,
  stroke,
  waitForSaved,
  clientOf,
  type Voxel,
} from './helpers/annotate';
import { HAS_DATA, NO_DATA_REASON, dataBytes, dataFile } from './helpers/data';
import './helpers/hook-types';
import { Studio } from './helpers/studio';
import { trainTiny, waitForPrediction } from './helpers/tiny-run';

test.skip(!HAS_DATA, NO_DATA_REASON);

const files = (n: string, label = true) => [
  dataFile(`promise12/image_train${n}.nii.gz`),
  ...(label ? [dataFile(`promise12/label_train${n}.nii.gz`)] : []),
];

/** Voxels i = from..to on row j of slice k. */
const row = (from: number, to: number, j: number, k: number): Voxel[] =>
  Array.from({ length: to - from + 1 }, (_, n) => [from + n, j, k] as const);

test('draws, erases and undoes with the mouse, and the edit outlives a reload', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.pickFiles(files('00'));
  await studio.waitForCases(['train00']);
  await studio.waitForLoadingDone();
  await openAnnotate(page);
  const k = 14;
  await goToSlice(page, k);
  // Radiological view: the patient's right (high i) is on the screen's left.
  const right = await clientOf(page, [110, 20, k]);
  const left = await clientOf(page, [18, 20, k]);
  expect(right.x).toBeLessThan(left.x);
  expect(await labelVoxels(page, 'train00', k)).not.toContainEqual([100, 20]);

  await page.getByLabel('Pen size').fill('3');
  await stroke(page, row(90, 110, 20, k));
  const drawn = (v: [number, number][]) => v.filter(([, j]) => j < 30);
  await expect
    .poll(async () => drawn(await labelVoxels(page, 'train00', k)).length)
    .toBeGreaterThan(40);
  const afterPen = drawn(await labelVoxels(page, 'train00', k));
  // The stroke is where it was drawn: rows 19-21, columns 89-111.
  for (const [i, j] of afterPen) {
    expect(i).toBeGreaterThanOrEqual(89);
    expect(i).toBeLessThanOrEqual(111);
    expect(Math.abs(j - 20)).toBeLessThanOrEqual(1);
  }
  expect(afterPen).toContainEqual([100, 20]);
  expect(await labelState(page, 'train00')).toMatchObject({
    label: 'edited/train00_label.nii.gz',
    editedFrom: expect.stringContaining('label_train00'),
  });

  await page.keyboard.press('e');
  await stroke(page, row(97, 103, 20, k));
  await expect
    .poll(async () => drawn(await labelVoxels(page, 'train00', k)))
    .not.toContainEqual([100, 20]);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => drawn(await labelVoxels(page, 'train00', k))).toEqual(afterPen);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect
    .poll(async () => drawn(await labelVoxels(page, 'train00', k)))
    .not.toContainEqual([100, 20]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => drawn(await labelVoxels(page, 'train00', k))).toEqual(afterPen);
  await waitForSaved(page);
  await expect(studio.caseRow('train00')).toContainText('edited');

  await page.reload();
  await studio.waitForCases(['train00']);
  await studio.waitForLoadingDone();
  await expect(studio.caseRow('train00')).toContainText('edited');
  await expect.poll(async () => drawn(await labelVoxels(page, 'train00', k))).toEqual(afterPen);
  // The gland the label came with is untouched.
  const original = readNifti(
    dataBytes('promise12/label_train00.nii.gz'),
    'label_train00.nii.gz',
  )[0];
  const gland = (await labelVoxels(page, 'train00', k)).length - afterPen.length;
  let expected = 0;
  for (let n = k * 128 * 128; n < (k + 1) * 128 * 128; n++) if (original.data[n] === 1) expected++;
  expect(gland).toBe(expected);
});

/** A polygon around the gland of slice `k` of a label: 16 rays from its centre. */
function glandOutline(label: { data: Float32Array; dims: number[] }, k: number): Voxel[] {
  const [nx, ny] = label.dims;
  const inside = (i: number, j: number) =>
    i >= 0 && j >= 0 && i < nx && j < ny && label.data[k * nx * ny + j * nx + i] === 1;
  let si = 0;
  let sj = 0;
  let n = 0;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      if (inside(i, j)) {
        si += i;
        sj += j;
        n++;
      }
  const [ci, cj] = [si / n, sj / n];
  const points: Voxel[] = [];
  for (let a = 0; a <= 16; a++) {
    const t = (2 * Math.PI * (a % 16)) / 16;
    let r = 0;
    while (inside(Math.round(ci + (r + 1) * Math.cos(t)), Math.round(cj + (r + 1) * Math.sin(t))))
      r++;
    points.push([Math.round(ci + r * Math.cos(t)), Math.round(cj + r * Math.sin(t)), k]);
  }
  return points;
}

async function correctSlice(page: Page, k: number, outline: Voxel[]): Promise<void> {
  await goToSlice(page, k);
  // Erase the draft on this slice with a wide eraser, then outline the gland, filled.
  await page.keyboard.press('e');
  await page.getByLabel('Pen size').fill('30');
  // One zig-zag stroke over the slice: rows 25 voxels apart under a 30-voxel eraser.
  const zigzag = [15, 40, 65, 90, 115].flatMap((j, n): Voxel[] =>
    n % 2
      ? [
          [124, j, k],
          [4, j, k],
        ]
      : [
          [4, j, k],
          [124, j, k],
        ],
  );
  await stroke(page, zigzag);
  await page.keyboard.press('b');
  await page.getByLabel('Pen size').fill('1');
  await page.getByLabel('Fill outline').check();
  await stroke(page, outline);
  await page.getByLabel('Fill outline').uncheck();
}

test("takes a prediction as a draft, corrects it, fine-tunes, and that scan's Dice rises", async ({
  page,
}) => {
  test.setTimeout(360_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.pickFiles([
    ...['00', '01', '02', '03'].flatMap((n) => files(n)),
    ...files('04', false),
  ]);
  await studio.waitForCases(['train00', 'train03', 'train04']);
  await studio.waitForLoadingDone();
  const base = await trainTiny(page, { inputSize: 32, epochs: 2, steps: 4 });

  await page.getByRole('button', { name: 'Show case train04', exact: true }).click();
  await openAnnotate(page);
  const panel = page.getByRole('complementary', { name: 'Annotate' });
  await expect(panel.getByLabel('Model', { exact: true })).toHaveValue(base.id);
  await page.getByRole('button', { name: 'Use this prediction as a draft' }).click();
  await expect
    .poll(() => labelState(page, 'train04'))
    .toMatchObject({ editedFrom: null, reviewed: [] });

  const truth = readNifti(dataBytes('promise12/label_train04.nii.gz'), 'label_train04.nii.gz')[0];
  const slices: number[] = [];
  for (let k = 0; k < truth.dims[2]; k++) {
    if (truth.data.subarray(k * 128 * 128, (k + 1) * 128 * 128).some((v) => v === 1))
      slices.push(k);
  }
  const middle = slices[Math.floor(slices.length / 2)];
  const corrected = [middle - 3, middle, middle + 3];
  for (const k of corrected) await correctSlice(page, k, glandOutline(truth, k));
  await expect.poll(async () => (await labelState(page, 'train04'))?.reviewed).toEqual(corrected);
  await waitForSaved(page);

  // The engine dies: its replacement gets the corrected scan from the page.
  const worker = page.workers().find((w) => /engine\.worker/.test(w.url()));
  if (!worker) throw new Error('the engine worker is not running');
  await worker.evaluate(() => (self as unknown as { close(): void }).close());
  await expect(studio.problems('compute engine stopped')).toHaveCount(1);

  await expect(panel.getByRole('checkbox', { name: 'train04' })).toBeChecked();
  await panel.getByLabel('Fine-tune learning rate').fill('0.001');
  await panel.getByLabel('Fine-tune epochs').fill('2');
  await panel.getByLabel('Fine-tune steps per epoch').fill('15');
  // On the corrected scan alone, so that its Dice shows what the correction taught.
  const mix = panel.getByRole('checkbox', {
    name: "Also train on the model's original training scans",
  });
  await expect(mix).toBeChecked();
  await mix.uncheck();
  await panel.getByRole('button', { name: 'Fine-tune', exact: true }).click();
  const scores = () =>
    page.evaluate(() => window.__segstudio?.state().runs.at(-1)?.corrections ?? null);
  await expect
    .poll(async () => (await scores())?.[0]?.after ?? null, { timeout: 180_000 })
    .not.toBeNull();
  const [score] = (await scores()) ?? [];
  expect(score.case).toBe('train04');
  expect(score.after).toBeGreaterThan((score.before ?? 0) + 0.1);
  const table = panel.getByRole('table', { name: /Dice on the corrected scans/ });
  await expect(table).toContainText(score.after?.toFixed(3) ?? 'none');
  // The curves continue the base model's, marked where the fine-tune began.
  await expect(
    panel.getByRole('img', { name: new RegExp(`fine-tune of ${base.name}`) }).first(),
  ).toBeVisible();
  const run = await page.evaluate(() => window.__segstudio?.state().runs.at(-1));
  expect(run).toMatchObject({ from: base.id, trainCases: ['train04'], status: 'finished' });
});

test("predicts with an earlier run after another model is imported, and gets that run's prediction", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.pickFiles(['00', '01', '02'].flatMap((n) => files(n)));
  await studio.waitForCases(['train00', 'train01', 'train02']);
  await studio.waitForLoadingDone();
  const selected = await page.evaluate(() => window.__segstudio?.state().selectedCase ?? '');
  expect(selected).toMatch(/^train0[0-2]$/);
  const first = await trainTiny(page, { inputSize: 32, epochs: 1, steps: 2 });
  const second = await trainTiny(page, { inputSize: 64, epochs: 1, steps: 2 });
  const prediction = (id: string) =>
    page.evaluate(
      ({ run, name }) =>
        Array.from(window.__segstudio?.state().predictions[run]?.[name]?.data ?? []),
      { run: id, name: selected },
    );
  const ofFirst = await prediction(first.id);
  const ofSecond = await prediction(second.id);
  expect(ofFirst).not.toEqual(ofSecond);

  const item = (name: string) =>
    page
      .getByRole('region', { name: 'Models' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('radio', { name: `Show model ${name}` }) });
  const model = await downloadsOf(page, 2, () =>
    item(second.name).getByRole('button', { name: 'Download model' }).click(),
  );
  await page
    .getByLabel('Choose model files')
    .setInputFiles(
      model.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.bytes })),
    );
  await expect(page.getByRole('radio', { name: /\(imported\)$/ })).toHaveCount(1);
  const imported = await page.evaluate(() => window.__segstudio?.state().runs.at(-1)?.id ?? '');

  // Predict again with the first run: its own prediction, not the imported model's.
  await page.evaluate(
    ({ run, name }) => {
      const w = window as unknown as { __before?: unknown };
      w.__before = window.__segstudio?.state().predictions[run]?.[name];
    },
    { run: first.id, name: selected },
  );
  await item(first.name)
    .getByRole('button', { name: `Predict ${selected}` })
    .click();
  await expect
    .poll(() =>
      page.evaluate(
        ({ run, name }) =>
          window.__segstudio?.state().predictions[run]?.[name] !==
          (window as unknown as { __before?: unknown }).__before,
        { run: first.id, name: selected },
      ),
    )
    .toBe(true);
  expect(await prediction(first.id)).toEqual(ofFirst);
  await page
    .getByRole('region', { name: 'Models' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('radio', { name: /\(imported\)$/ }) })
    .getByRole('button', { name: `Predict ${selected}` })
    .click();
  await waitForPrediction(page, imported, selected);
  expect(await prediction(imported)).toEqual(ofSecond);
});
