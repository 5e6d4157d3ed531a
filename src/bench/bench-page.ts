/**
 * Entry of bench.html: the studio's real engine client and training worker, with the
 * bench API on `window.__segBench` for the headless scripts. Nothing here renders; the
 * scripts read results through the API.
 */
import { createEngineClient } from '../engine/client';
import type { FileRef } from './api';
import { createBenchApi } from './bench-session';
import { surfaceDistance } from './surface-distance';

async function readBytes(file: FileRef): Promise<Uint8Array> {
  const response = await fetch(file.url);
  if (!response.ok) throw new Error(`${file.path}: could not be read (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

window.__segBench = createBenchApi({
  createClient: () => createEngineClient(),
  readBytes,
  report: (event) => void window.__segBenchReport?.(event),
  distance: surfaceDistance(),
});
document.body.dataset['benchReady'] = 'true';
