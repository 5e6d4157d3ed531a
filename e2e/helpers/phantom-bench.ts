/**
 * The bench page (the studio's real training worker, driven without its UI) on one
 * backend with phantom cases sent to its engine: what the GPU specs train on.
 */
import type { Page } from '@playwright/test';
import type { StartInfo } from '../../src/bench/api';
import type { TargetSpec } from '../../src/ml/data/target';
import { callPage, FileTable, openBenchPage, type Harness } from '../../scripts/lib/harness';

export interface PhantomBench {
  page: Page;
  /** The backend that started (another than asked when that one is not available). */
  ready: StartInfo;
  /** The phantom's prostate as a binary target. */
  target: TargetSpec;
}

/** Opens the page on `backend` with `count` phantoms of size x size x slices sent. */
export async function openPhantomBench(
  harness: Harness,
  backend: 'wasm' | 'webgl' | 'webgpu',
  phantoms: { count: number; size: number; slices: number },
): Promise<PhantomBench> {
  const page = await openBenchPage(
    harness,
    new FileTable(),
    () => undefined,
    () => undefined,
  );
  const ready = await callPage(page, 'start', [backend], 30_000);
  await callPage(page, 'loadPhantom', [phantoms.count, phantoms.size, phantoms.slices]);
  await callPage(page, 'sendCases', []);
  const target = await callPage(page, 'phantomTarget', []);
  return { page, ready, target };
}
