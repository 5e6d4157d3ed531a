/**
 * Cross-validation from the Train panel on real PROMISE12 cases, at a size that trains in
 * seconds: two folds of two held-out cases each, stopped mid-fold and continued from the
 * fold's checkpoint, then the per-fold and pooled table; the ensemble of the fold models
 * and the out-of-fold predictions compared in Compare on one case, each also mirror-averaged.
 */
import './helpers/hook-types';
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { HAS_DATA, NO_DATA_REASON } from './helpers/data';
import { openSettings, setRunSize } from './helpers/settings';

test.skip(!HAS_DATA, NO_DATA_REASON);
test.use({ viewport: { width: 1280, height: 720 } });

const CASES = ['00', '02', '03', '04'];

/** The fold runs in the store: name, status, checkpoint epoch and named cases. */
function foldRuns(page: Page) {
  return page.evaluate(() =>
    (window.__segstudio?.state().runs ?? [])
      .filter((r) => r.crossValidation?.fold !== undefined)
      .map((r) => ({
        name: r.name,
        status: r.status,
        epoch: r.checkpoint?.epoch ?? 0,
        train: r.cases?.train ?? [],
        val: r.cases?.val ?? [],
      })),
  );
}

test('cross-validates a U-Net in two folds, stopped and continued, with the pooled table', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.openWithPromise12(CASES);
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  // Five epochs of six steps: after the first checkpoint the fold still has seconds to go,
  // so that Stop lands before it finishes even on a loaded machine.
  await setRunSize(page, { inputSize: 32, epochs: 5, steps: 6, batch: 4 });
  // A small U-Net (3 levels, 8 -> 32 filters): every fold trains, saves and predicts quickly.
  await page.getByLabel('Levels', { exact: true }).selectOption('3');
  await page.getByLabel('Base filters', { exact: true }).fill('8');
  await openSettings(page, 'Cross-validation');
  await page.getByLabel('Folds (K)').fill('2');
  await page.getByRole('button', { name: 'Cross-validate' }).click();

  // Stop the first fold once it has a checkpoint; the cross-validation waits.
  await expect
    .poll(async () => (await foldRuns(page))[0]?.epoch ?? 0, { timeout: 120_000, intervals: [100] })
    .toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect.poll(async () => (await foldRuns(page))[0]?.status).toBe('stopped');
  await expect(page.getByLabel('Run status')).toContainText('U-Net #1 fold 1/2');
  const resume = page.getByRole('button', {
    name: /^Continue cross-validation \(fold 1 from epoch \d\)$/,
  });
  await expect(resume).toBeVisible();
  // Train, Pause / Stop and the curves stay in view with the section open.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeInViewport();
  await expect(page.getByLabel('Run status')).toBeInViewport();
  await resume.click();

  const table = page.getByRole('table', { name: 'Cross-validation results U-Net #1' });
  await expect(table).toBeVisible({ timeout: 200_000 });
  const folds = await foldRuns(page);
  expect(folds.map((f) => [f.name, f.status])).toEqual([
    ['U-Net #1 fold 1/2', 'finished'],
    ['U-Net #1 fold 2/2', 'finished'],
  ]);
  // By case: each fold trains on the other fold's two cases (one of them validating).
  for (const f of folds) expect([...f.train, ...f.val]).toHaveLength(2);
  const trained = folds.flatMap((f) => [...f.train, ...f.val]).sort();
  expect(trained).toEqual(CASES.map((n) => `train${n}`));
  await expect(table.getByRole('row', { name: /^1 2 / })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Mean ± SD/ })).toBeVisible();
  const pooled = table.getByRole('row', { name: /^Pooled 4 / });
  await expect(pooled).toBeVisible();
  const dice = Number((await pooled.getByRole('cell').nth(1).textContent()) ?? 'NaN');
  expect(dice).toBeGreaterThanOrEqual(0);
  expect(dice).toBeLessThanOrEqual(1);
  const models = page.getByRole('region', { name: 'Models' });
  await expect(models.getByText('U-Net #1 ensemble of 2 folds', { exact: true })).toBeVisible();
  await expect(models.getByText('U-Net #1 out-of-fold (2 folds)', { exact: true })).toBeVisible();

  // Compare on one case (to stay quick): the out-of-fold prediction beside the ensemble's,
  // each also mirror-averaged.
  await page.getByRole('tab', { name: 'Compare' }).click();
  const picker = page.getByRole('group', { name: 'Models to compare' });
  const ticked = picker.getByRole('checkbox', { checked: true });
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  await picker.getByLabel('U-Net #1 out-of-fold (2 folds)').check();
  await picker.getByLabel('U-Net #1 ensemble of 2 folds').check();
  await picker.getByLabel('Also with mirror averaging (test-time augmentation)').check();
  await page.getByLabel('Evaluate').selectOption('case');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  const modelTable = page.getByRole('table', { name: 'Model comparison' });
  await expect(modelTable.getByRole('row', { name: /^TTA change in Dice/ })).toBeVisible({
    timeout: 120_000,
  });
  await expect(modelTable).toContainText('U-Net, out-of-fold (2 folds)');
  await expect(modelTable).toContainText('Ensemble of 2 (U-Net)');
  await expect(modelTable).toContainText('B: U-Net #1 out-of-fold (2 folds) + TTA');
  await expect(modelTable.getByRole('row', { name: /^Dice / })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('compare.png') });
});
