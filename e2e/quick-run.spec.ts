/**
 * A fast first look: on the built-in sample, the Quick run length shows its expected run
 * time before it starts, and a recognisable prediction (its contour drawn over the
 * selected case, overlapping the manual label) appears soon after Train is pressed.
 *
 * The feature aims at 30 s on an idle 2-core CPU. The machines that run these tests are
 * shared and often loaded several times over, so the bound follows this machine's speed
 * as the start-up measurement found it: the prediction must come within 30 s, or within
 * twice the panel's own estimate (the measured step time times the run's steps, plus
 * validation) when that is longer, which leaves as much again for building the model,
 * storing it and predicting the case, all of which slow down with the machine. While the
 * estimate is under 15 s the bound is the 30 s itself. The test prints the figures.
 */
import './helpers/hook-types';
import { expect, test } from '@playwright/test';
import { Studio } from './helpers/studio';
import { overlayPixelCount } from './helpers/pixels';

const TARGET_MS = 30_000;

test('Quick: a recognisable prediction of the sample soon after pressing Train', async ({
  page,
}) => {
  // Until the estimate is known; then long enough for the bound.
  test.setTimeout(120_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForViewer();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await page.getByLabel('Run length').selectOption('quick');
  const estimate = page.getByLabel('Expected run time');
  await expect(estimate).toContainText(/Expected run time: about \d[^(]* \([\d,]+ ms\/step on /);
  const estimateMs = Number(await estimate.getAttribute('data-ms'));
  expect(estimateMs).toBeGreaterThan(0);
  const bound = Math.max(TARGET_MS, 2 * estimateMs);
  test.setTimeout(60_000 + bound + 30_000);
  const before = await page.evaluate(() => window.__segstudio?.state().runs.length ?? 0);

  const pressed = Date.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // When the first step reported: what starting the run cost.
  const firstStep = page
    .waitForFunction((n) => (window.__segstudio?.state().runs[n]?.steps.length ?? 0) > 0, before, {
      timeout: bound,
      polling: 100,
    })
    .then(() => Date.now() - pressed)
    .catch(() => null);
  const seen = await page
    .waitForFunction(
      (n) => {
        const s = window.__segstudio?.state();
        const run = s?.runs[n];
        const name = s?.selectedCase;
        const pred = run && name ? s.predictions[run.id]?.[name] : undefined;
        const study = s?.cases.find((c) => c.name === name);
        const label = study?.label ? s?.files[study.label]?.volumes?.[0] : undefined;
        const target = s?.target;
        if (!run || !pred || !label || target?.mode !== 'binary') return null;
        const fg = new Set(target.foregroundValues);
        const [nx, ny, nz] = pred.dims;
        let both = 0;
        let sizes = 0;
        let bestK = 0;
        let bestN = 0;
        for (let k = 0; k < nz; k++) {
          let n = 0;
          for (let i = k * nx * ny; i < (k + 1) * nx * ny; i++) {
            const p = pred.data[i] !== 0 ? 1 : 0;
            const t = fg.has(label.data[i]) ? 1 : 0;
            both += p & t;
            sizes += p + t;
            n += p;
          }
          if (n > bestN) [bestK, bestN] = [k, n];
        }
        const dice = sizes > 0 ? (2 * both) / sizes : 0;
        // Previews may come first; wait for a recognisable one or the run's final one.
        const ended = run.status === 'finished' || run.status === 'error';
        return dice > 0.5 || ended ? { dice, slice: bestK } : null;
      },
      before,
      { timeout: bound + 30_000, polling: 200 },
    )
    .then((h) => h.jsonValue());
  const elapsed = Date.now() - pressed;
  const trained = await page.evaluate(
    (n) => window.__segstudio?.state().runs[n]?.progress?.elapsedMs ?? null,
    before,
  );
  const s = (ms: number | null) => (ms === null ? '?' : `${(ms / 1000).toFixed(1)} s`);
  console.log(
    `Quick run: prediction ${s(elapsed)} after Train (first step at ${s(await firstStep)}, ` +
      `training ${s(trained)}), Dice ${seen?.dice.toFixed(3)}; bound ${s(bound)}; ` +
      `${await estimate.textContent()}`,
  );
  expect(elapsed).toBeLessThan(bound);
  // Recognisable: most of the predicted region lies on the prostate.
  expect(seen?.dice ?? 0).toBeGreaterThan(0.5);

  await page.getByRole('slider', { name: 'Slice' }).fill(String(seen?.slice ?? 0));
  await studio.waitForViewer();
  expect(await overlayPixelCount(page, [255, 0, 0])).toBeGreaterThan(20);
});
