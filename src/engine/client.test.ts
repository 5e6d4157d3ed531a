/**
 * The engine's protocol end to end in one thread: the page-side client talks to the
 * worker's real handler and engine through an endpoint that structured-clones every
 * message with its transfer list, as postMessage does between threads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discCase, tinyConfig, tinyUNet } from '../ml/train/fixtures';
import { EngineError } from '../shared/engine-error';
import type { EngineEvent } from './api';
import {
  createEngineClient,
  createInThreadEndpoint,
  type EngineClient,
  type EngineEndpoint,
} from './client';
import { SegmentationEngine, type EngineDeps } from './core/engine';
import { memoryStores } from './core/stores';
import { testBackend } from './core/testing';
import { selectBackend } from './backend/select';
import { attachEngine } from './handler';
import type { EngineRequest } from './protocol';

interface Sent {
  method: EngineRequest['method'];
  transfer: ArrayBuffer[];
}

function connect(select: EngineDeps['selectBackend'] = testBackend): {
  client: EngineClient;
  sent: Sent[];
} {
  const engine = new SegmentationEngine({ stores: memoryStores(), selectBackend: select });
  const endpoint = createInThreadEndpoint((port) => attachEngine(port, engine));
  const sent: Sent[] = [];
  const spy: EngineEndpoint = {
    ...endpoint,
    addEventListener: endpoint.addEventListener.bind(endpoint),
    postMessage: (message, transfer) => {
      sent.push({ method: message.method, transfer: transfer as ArrayBuffer[] });
      endpoint.postMessage(message, transfer);
    },
  };
  return { client: createEngineClient(spy), sent };
}

// 16x16 input, two steps: the protocol is under test here, not learning.
const config = tinyConfig({ model: tinyUNet(16), batchSize: 2, epochs: 1, stepsPerEpoch: 2 });

let open: EngineClient | null = null;
afterEach(async () => {
  await open?.dispose();
  open = null;
});

describe('engine client <-> worker handler', () => {
  it('initialises, takes copies of the data, trains with events, predicts, exports and imports', async () => {
    const { client, sent } = connect();
    open = client;
    const ready = await client.init({ backend: 'auto', cached: null });
    expect(['wasm', 'cpu']).toContain(ready.backend);

    const a = discCase('a', 1, 24, 20, 4);
    const cases = [a, discCase('b', 2, 24, 20, 4), discCase('v', 3, 24, 20, 4, 'val')];
    const summary = await client.putCases(cases);
    expect(summary.map((s) => s.name)).toEqual(['a', 'b', 'v']);
    // The page's own arrays stay usable; the copies were transferred (and detached).
    expect(a.channels[0].length).toBe(24 * 20 * 4);
    const put = sent.find((s) => s.method === 'putCases')!;
    expect(put.transfer).toHaveLength(6);
    expect(put.transfer.every((b) => b.byteLength === 0)).toBe(true);

    const seen: string[] = [];
    const off = client.subscribe((e: EngineEvent) => {
      if (e.type === 'started') seen.push(`started ${e.run} ${e.trainCases.join(',')}`);
      if (e.type === 'progress') seen.push(`progress ${e.step}/${e.totalSteps}`);
      if (e.type === 'epoch')
        seen.push(`epoch ${e.epoch} ${e.valDice === null ? 'no-val' : 'val'}`);
    });
    const done = await client.train({ run: 'm', config });
    off();
    expect(done).toMatchObject({ reason: 'finished', model: 'm' });
    expect(seen).toEqual(['started m a,b', 'progress 1/2', 'progress 2/2', 'epoch 1 val']);

    const p = await client.predict({ model: 'm', case: 'v' });
    expect(p.dims).toEqual([24, 20, 4]);
    expect(p.labels).toBeInstanceOf(Uint8Array);
    expect(p.probabilities.length).toBe(24 * 20 * 4);

    const artifacts = await client.exportModel('m');
    expect(artifacts.weightData.byteLength).toBeGreaterThan(0);
    const info = await client.importModel({ id: 'copy', artifacts });
    expect(info.inputSize).toBe(16);
    expect(info.spec?.architecture.kind).toBe('unet');
    // The page keeps its copy of the weights.
    expect(artifacts.weightData.byteLength).toBeGreaterThan(0);
    const again = await client.predict({ model: 'copy', case: 'v' });
    expect(Array.from(again.probabilities)).toEqual(Array.from(p.probabilities));

    // A model imported while a prediction runs waits for it instead of disposing its model.
    const [during, , after] = await Promise.all([
      client.predict({ model: 'copy', case: 'v', batchSize: 1 }),
      client.importModel({ id: 'copy', artifacts }),
      client.predict({ model: 'copy', case: 'v' }),
    ]);
    expect(Array.from(during.probabilities)).toEqual(Array.from(p.probabilities));
    expect(Array.from(after.probabilities)).toEqual(Array.from(p.probabilities));
  });

  it('pauses, resumes and stops a run from the page', async () => {
    const { client } = connect();
    open = client;
    await client.init({ backend: 'auto', cached: null });
    await client.putCases([discCase('a', 1, 16, 16, 4), discCase('b', 2, 16, 16, 4)]);
    const steps: number[] = [];
    let stopAt = Number.POSITIVE_INFINITY;
    let acked: (n: number) => void = () => undefined;
    const pauseAcked = new Promise<number>((r) => (acked = r));
    client.subscribe((e) => {
      if (e.type !== 'progress') return;
      steps.push(e.step);
      if (e.step === 1) void client.pause('r').then(() => acked(steps.length));
      if (e.step >= stopAt) void client.stop('r');
    });
    const run = client.train({
      run: 'r',
      config: { ...config, epochs: 50, autoValidationFraction: 0 },
    });
    const atAck = await pauseAcked;
    // The step in flight when the pause arrived may still report; then nothing moves.
    await new Promise((r) => setTimeout(r, 300));
    const held = steps.length;
    expect(held).toBeLessThanOrEqual(atAck + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(steps.length).toBe(held);
    stopAt = held + 1;
    await client.resume('r');
    const done = await run;
    expect(done.reason).toBe('stopped');
    expect(steps.length).toBeGreaterThan(held);
    expect(steps.length).toBeLessThanOrEqual(held + 2);
    expect(steps).toEqual(steps.map((_, i) => i + 1));
  });

  it('rebuilds errors as their classes and rejects everything after dispose', async () => {
    const { client } = connect();
    await client.init({ backend: 'auto', cached: null });
    const noModel = await client.predict({ model: 'nope', case: 'x' }).catch((e: unknown) => e);
    expect(noModel).toBeInstanceOf(EngineError);
    await client.putCases([discCase('a', 1, 16, 16, 4)]);
    const bad = await client
      .train({ run: 'r', config: { ...config, batchSize: 0 } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Error);
    await client.dispose();
    const closed = await client.putCases([]).catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(EngineError);
    expect((closed as EngineError).code).toBe('engine-closed');
    expect(client.closed).toBe(true);
  });

  it('falls back to a working backend when the preferred one cannot start', async () => {
    const { client } = connect(selectBackend);
    open = client;
    const ready = await client.init({ backend: 'webgpu', cached: null });
    // Node has neither WebGPU nor WebGL; the measured fallback lands on wasm or cpu.
    expect(['wasm', 'cpu']).toContain(ready.backend);
    expect(ready.failures.map((f) => f.backend)).toEqual(
      expect.arrayContaining(['webgpu', 'webgl']),
    );
    expect(ready.choice.how).toBe('fallback');
    expect(ready.choice.reason).toMatch(/^webgpu failed \(not supported in this environment\); /);
    expect(ready.choice.trials.map((t) => t.backend)).toEqual(['wasm', 'webgpu', 'webgl']);
  });
});
