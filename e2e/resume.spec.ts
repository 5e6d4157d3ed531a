/**
 * Nothing lost when training is interrupted: a run whose engine dies mid-run (the worker
 * ends, as in a crash) and a run whose page is reloaded mid-run both come back as
 * interrupted, resume from their last checkpoint with their curves going on, and reach
 * the loss an uninterrupted run with the same seed reaches.
 */
import './helpers/hook-types';
import { test, expect, type Page } from '@playwright/test';
import { Studio } from './helpers/studio';
import { setRunSize } from './helpers/settings';

// Epochs long enough (and polled often enough) that a reload after the first checkpoint
// lands before the run's end, on fast machines too.
const SIZE = { inputSize: 32, epochs: 4, steps: 8, batch: 2 };

interface RunView {
  id: string;
  status: string;
  epochs: number[];
  losses: number[];
  checkpoint: number | null;
}

function lastRun(page: Page): Promise<RunView | null> {
  return page.evaluate(() => {
    const r = window.__segstudio?.state().runs.at(-1);
    return r
      ? {
          id: r.id,
          status: r.status,
          epochs: r.epochs.map((e) => e.epoch),
          losses: r.epochs.map((e) => e.trainLoss),
          checkpoint: r.checkpoint?.epoch ?? null,
        }
      : null;
  });
}

async function ready(page: Page): Promise<Studio> {
  const studio = new Studio(page);
  await studio.open();
  await studio.waitForViewer();
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  await setRunSize(page, SIZE);
  return studio;
}

async function startAndReachCheckpoint(page: Page): Promise<RunView> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect
    .poll(async () => (await lastRun(page))?.checkpoint ?? 0, {
      timeout: 90_000,
      intervals: [50],
    })
    .toBeGreaterThanOrEqual(1);
  return (await lastRun(page)) as RunView;
}

/** The epoch of run `id`'s checkpoint as kept in the browser's storage (0: none yet). */
function storedCheckpoint(page: Page, id: string): Promise<number> {
  return page.evaluate(
    (runId) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('segstudio', 1);
        open.onerror = () => reject(open.error ?? new Error('IndexedDB unavailable'));
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('runs').objectStore('runs').get(runId);
          req.onsuccess = () => {
            const stored = req.result as { run?: { checkpoint?: { epoch: number } | null } };
            db.close();
            resolve(stored?.run?.checkpoint?.epoch ?? 0);
          };
          req.onerror = () => reject(req.error ?? new Error('no such run'));
        };
      }),
    id,
  );
}

async function resumeToEnd(page: Page, run: RunView): Promise<RunView> {
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('radio', { name: /^Show model/ }) })
    .last();
  await item.getByRole('button', { name: /^Resume / }).click();
  await expect
    .poll(async () => (await lastRun(page))?.status, { timeout: 120_000 })
    .toBe('finished');
  const done = (await lastRun(page)) as RunView;
  expect(done.id).toBe(run.id);
  // The curves go on from the checkpoint: every epoch once, in order.
  expect(done.epochs).toEqual([1, 2, 3, 4]);
  return done;
}

test('a run survives its engine dying mid-run and a page reload, and ends where it would have', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await ready(page);

  // The reference: the same run, uninterrupted.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect
    .poll(async () => (await lastRun(page))?.status, { timeout: 120_000 })
    .toBe('finished');
  const reference = (await lastRun(page)) as RunView;
  expect(reference.epochs).toEqual([1, 2, 3, 4]);

  // The engine's worker ends mid-run, as in a crash: the page says so, restarts the engine
  // and offers to resume.
  const run = await startAndReachCheckpoint(page);
  const worker = page.workers().find((w) => /engine\.worker/.test(w.url()));
  if (!worker) throw new Error('the engine worker is not running');
  await worker.evaluate(() => (self as unknown as { close(): void }).close());
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText(
    'The compute engine stopped',
    {
      timeout: 30_000,
    },
  );
  await expect
    .poll(async () => (await lastRun(page))?.status, { timeout: 30_000 })
    .toBe('interrupted');
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  const crashed = await resumeToEnd(page, run);
  const close = (a: number, b: number) => expect(Math.abs(a - b) / b).toBeLessThan(1e-3);
  close(crashed.losses[3], reference.losses[3]);

  // A reload mid-run: the run comes back from storage as interrupted, with its curves.
  const second = await startAndReachCheckpoint(page);
  // What a reload finds is what was saved: reload once the checkpoint is kept.
  await expect
    .poll(() => storedCheckpoint(page, second.id), { intervals: [20] })
    .toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Dataset' })).toBeVisible();
  await expect
    .poll(async () => (await lastRun(page))?.status, { timeout: 30_000 })
    .toBe('interrupted');
  const restored = (await lastRun(page)) as RunView;
  expect(restored.id).toBe(second.id);
  expect(restored.epochs.length).toBeGreaterThanOrEqual(1);
  await expect(page.getByLabel('Compute backend')).not.toContainText('starting', {
    timeout: 60_000,
  });
  const reloaded = await resumeToEnd(page, second);
  close(reloaded.losses[3], reference.losses[3]);
});
