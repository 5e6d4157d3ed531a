/**
 * Trains a tiny model through the Train panel's labelled fields and waits for the run's
 * end and its prediction of the selected case: the cheapest real run, for the specs that
 * need a trained model rather than a good one.
 */
import { expect, type Page } from '@playwright/test';
import './hook-types';
import { setRunSize } from './settings';

export interface TinyRun {
  /** A registered architecture kind, as the Model menu's values name them. */
  architecture?: string;
  inputSize?: number;
  epochs?: number;
  steps?: number;
}

/** Runs training to its end; returns the new run's id and name. */
export async function trainTiny(
  page: Page,
  { architecture = 'unet', inputSize = 32, epochs = 1, steps = 2 }: TinyRun = {},
): Promise<{ id: string; name: string }> {
  await page.getByLabel('Model', { exact: true }).selectOption(architecture);
  await setRunSize(page, { inputSize, epochs, steps, batch: 4 });
  const before = await page.evaluate(() => window.__segstudio?.state().runs.length ?? 0);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = () =>
    page.evaluate((n) => {
      const r = window.__segstudio?.state().runs[n];
      return r ? `${r.status}: ${r.message ?? ''}` : 'not started';
    }, before);
  await expect.poll(status, { timeout: 150_000 }).toMatch(/^(finished|stopped|error):/);
  expect(await status()).toMatch(/^finished:/);
  const run = await page.evaluate((n) => window.__segstudio?.state().runs[n], before);
  if (!run) throw new Error('the run vanished from the store');
  await waitForPrediction(page, run.id);
  return { id: run.id, name: run.name };
}

/** Waits until run `runId` has a prediction of `caseName` (default: the selected case). */
export async function waitForPrediction(page: Page, runId: string, caseName?: string) {
  await expect
    .poll(
      () =>
        page.evaluate(
          ({ id, name }) => {
            const s = window.__segstudio?.state();
            const c = name ?? s?.selectedCase;
            return c ? (s?.predictions[id]?.[c]?.data.length ?? 0) : 0;
          },
          { id: runId, name: caseName },
        ),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
}
