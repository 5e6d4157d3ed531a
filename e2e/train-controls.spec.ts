/**
 * The Train controls as a newcomer meets them on the built-in sample: a run pressed for
 * during the first start's backend check shows at once and can be stopped, runs get
 * distinct names, pausing answers at once and repeated presses end where the last one
 * points, the controls, the status line and the curves fit a 1280x720 screen, and a run
 * of one epoch still draws its epoch curve.
 */
import './helpers/hook-types';
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { canvasPixelCount } from './helpers/pixels';
import { setRunSize } from './helpers/settings';

const status = (page: Page) => page.getByTestId('run-status');
const train = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const pause = (page: Page) => page.getByRole('button', { name: /^(Pause|Resume)$/ });
const stop = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true });

function runs(page: Page) {
  return page.evaluate(
    () =>
      window.__segstudio
        ?.state()
        .runs.map((r) => ({ name: r.name, status: r.status, steps: r.steps.length })) ?? [],
  );
}

test.describe('a first start, before the backend is known', () => {
  // No remembered measurement: this start measures every backend (tens of seconds).
  test.use({ storageState: { cookies: [], origins: [] } });

  test('queues one stoppable run while the backends are measured, and names runs apart', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const studio = new Studio(page);
    await studio.open();
    await studio.waitForViewer();
    await setRunSize(page, { inputSize: 32, epochs: 20, steps: 4, batch: 2 });
    await expect(page.getByLabel('Compute backend')).toContainText('measuring');
    await train(page).click();
    await expect(status(page)).toHaveText('queued');
    await expect(page.getByLabel('Run status')).toContainText('waiting for the backend check');
    await expect(train(page)).toBeDisabled();
    await expect(pause(page)).toBeDisabled();
    await expect(stop(page)).toBeEnabled();
    expect(await runs(page)).toHaveLength(1);

    // Once the backend is known the queued run trains, and Stop stops it.
    await expect(status(page)).toHaveText('running', { timeout: 150_000 });
    await expect
      .poll(async () => (await runs(page))[0]?.steps ?? 0, { timeout: 60_000 })
      .toBeGreaterThan(0);
    await stop(page).click();
    await expect(status(page)).toHaveText('stopped', { timeout: 60_000 });
    await expect(train(page)).toBeEnabled();

    await setRunSize(page, { inputSize: 32, epochs: 1, steps: 1, batch: 2 });
    await train(page).click();
    await expect(status(page)).toHaveText('finished', { timeout: 60_000 });
    expect((await runs(page)).map((r) => r.name)).toEqual(['U-Net #1', 'U-Net #2']);
  });
});

test('pausing shows at once, and two quick presses of Space leave the run running', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForViewer();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await setRunSize(page, { inputSize: 64, epochs: 40, steps: 10, batch: 4 });
  await train(page).click();
  await expect(status(page)).toHaveText('running', { timeout: 60_000 });
  await expect
    .poll(async () => (await runs(page))[0]?.steps ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(1);

  // The click is answered before the engine takes the pause (a step in flight finishes first).
  await pause(page).click();
  await expect(status(page)).toHaveText(/^(pausing…|paused)$/, { timeout: 500 });
  await expect(status(page)).toHaveText('paused', { timeout: 30_000 });
  const held = (await runs(page))[0].steps;
  await page.waitForTimeout(1500);
  expect((await runs(page))[0].steps).toBeLessThanOrEqual(held + 1);
  await expect(pause(page)).toHaveText('Resume');

  // From a running run, Space twice in quick succession means pause, then resume.
  await pause(page).click();
  await expect(status(page)).toHaveText('running', { timeout: 30_000 });
  await page.locator('body').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  await expect(status(page)).toHaveText('running', { timeout: 30_000 });
  const before = (await runs(page))[0].steps;
  await expect
    .poll(async () => (await runs(page))[0].steps, { timeout: 60_000 })
    .toBeGreaterThan(before + 1);
  await stop(page).click();
  await expect(status(page)).toHaveText('stopped', { timeout: 60_000 });
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`at ${viewport.width}x${viewport.height} the viewer, Train controls, status and curves are all in view`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(viewport);
    const studio = new Studio(page);
    await studio.open();
    await studio.waitForViewer();
    await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
      timeout: 60_000,
    });
    await setRunSize(page, { inputSize: 32, epochs: 1, steps: 2, batch: 2 });
    await train(page).click();
    await expect(status(page)).toHaveText('finished', { timeout: 90_000 });
    // As a user would see it: the panel scrolled back to its top, nothing else scrolled.
    await page.getByRole('complementary', { name: 'Training' }).evaluate((el) => el.scrollTo(0, 0));
    await page.evaluate(() => window.scrollTo(0, 0));
    const inView = (
      name: string,
      box: { y: number; height: number; x: number; width: number } | null,
    ) => {
      expect(box, name).not.toBeNull();
      const b = box as { y: number; height: number; x: number; width: number };
      expect(b.y, `${name} top`).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height, `${name} bottom`).toBeLessThanOrEqual(viewport.height);
      expect(b.x + b.width, `${name} right`).toBeLessThanOrEqual(viewport.width);
    };
    inView('viewer', await page.getByLabel('Image view').boundingBox());
    for (const b of [train(page), pause(page), stop(page)]) inView('button', await b.boundingBox());
    inView('status line', await page.getByLabel('Run status').boundingBox());
    inView(
      'step curve',
      await page.getByRole('img', { name: 'Training loss per step' }).boundingBox(),
    );
    inView('epoch curve', await page.getByRole('img', { name: 'Dice per epoch' }).boundingBox());
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      viewport.height,
    );
  });
}

test('a one-epoch run draws its epoch curve, training and validation in different colours', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForViewer();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await setRunSize(page, { inputSize: 32, epochs: 1, steps: 2, batch: 2 });
  await train(page).click();
  await expect(status(page)).toHaveText('finished', { timeout: 90_000 });
  const chart = page.getByRole('img', { name: 'Dice per epoch' }).locator('canvas');
  // Train in blue (#4ea1ff), validation in orange (#ffa64e): one point each.
  await expect.poll(() => canvasPixelCount(page, chart, [78, 161, 255], 60)).toBeGreaterThan(4);
  await expect.poll(() => canvasPixelCount(page, chart, [255, 166, 78], 60)).toBeGreaterThan(4);
});
