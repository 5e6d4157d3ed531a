/**
 * The worker protocol end to end in one thread: the page-side client talks to the worker's
 * real message handler through an endpoint that structured-clones every message with its
 * transfer list, as postMessage does between threads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discCase, tinyConfig, tinyUNet } from '../../ml/train/fixtures';
import { EngineError, type EngineRequest } from '../../shared/protocol';
import { attachHandler } from '../../worker/handler';
import {
  createEngineClient,
  createInThreadEndpoint,
  EngineClosedError,
  type EngineClient,
  type EngineEndpoint,
} from './engine-client';

interface Sent {
  type: EngineRequest['type'];
  transfer: ArrayBuffer[];
}

function connect(): { client: EngineClient; sent: Sent[] } {
  const endpoint = createInThreadEndpoint((port) => attachHandler(port));
  const sent: Sent[] = [];
  const spy: EngineEndpoint = {
    ...endpoint,
    addEventListener: endpoint.addEventListener.bind(endpoint),
    postMessage: (message, transfer) => {
      sent.push({ type: message.type, transfer: transfer as ArrayBuffer[] });
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
  it('initialises, takes copies of the data, trains with events, predicts, saves and loads', async () => {
    const { client, sent } = connect();
    open = client;
    const ready = await client.init('cpu');
    expect(ready.backend).toBe('cpu');
    expect(ready.available).toContain('cpu');

    const a = discCase('a', 1, 24, 20, 4);
    const cases = [a, discCase('b', 2, 24, 20, 4), discCase('v', 3, 24, 20, 4, 'val')];
    const summary = await client.setData(cases);
    expect(summary.map((s) => s.name)).toEqual(['a', 'b', 'v']);
    // The page's own arrays stay usable; the copies were transferred (and detached).
    expect(a.channels[0].length).toBe(24 * 20 * 4);
    const setData = sent.find((s) => s.type === 'setData')!;
    expect(setData.transfer).toHaveLength(6);
    expect(setData.transfer.every((b) => b.byteLength === 0)).toBe(true);

    const seen: string[] = [];
    const off = client.on('progress', (p) => seen.push(`progress ${p.step}/${p.totalSteps}`));
    client.on('started', (s) => seen.push(`started ${s.trainCases.join(',')}`));
    client.on('epoch', (e) =>
      seen.push(`epoch ${e.epoch} ${e.valDice === null ? 'no-val' : 'val'}`),
    );
    const done = await client.train(config);
    off();
    expect(done.type).toBe('done');
    expect(done.reason).toBe('finished');
    expect(seen).toEqual(['started a,b', 'progress 1/2', 'progress 2/2', 'epoch 1 val']);

    const byName = await client.predict({ caseName: 'v' });
    expect(byName.dims).toEqual([24, 20, 4]);
    expect(byName.labels).toBeInstanceOf(Uint8Array);
    expect(byName.probabilities.length).toBe(24 * 20 * 4);
    const other = discCase('o', 9, 30, 18, 3);
    const byVolume = await client.predict({
      channels: other.channels,
      dims: other.dims,
      spacing: other.spacing,
    });
    expect(byVolume.dims).toEqual([30, 18, 3]);
    expect(other.channels[0].length).toBe(30 * 18 * 3);

    const artifacts = await client.saveModel();
    expect(artifacts.weightData.byteLength).toBeGreaterThan(0);
    const loaded = await client.loadModel(artifacts);
    expect(loaded.inputSize).toBe(16);
    expect(loaded.spec?.architecture.kind).toBe('unet');
    expect(artifacts.weightData.byteLength).toBeGreaterThan(0);
    const again = await client.predict({ caseName: 'v' });
    expect(Array.from(again.probabilities)).toEqual(Array.from(byName.probabilities));

    // A model loaded while a prediction runs waits for it instead of disposing its model.
    const [during, reloaded, after] = await Promise.all([
      client.predict({ caseName: 'v' }, { batchSize: 1 }),
      client.loadModel(artifacts),
      client.predict({ caseName: 'v' }),
    ]);
    expect(Array.from(during.probabilities)).toEqual(Array.from(byName.probabilities));
    expect(reloaded.inputSize).toBe(16);
    expect(Array.from(after.probabilities)).toEqual(Array.from(byName.probabilities));
  });

  it('pauses, resumes and stops a run from the page', async () => {
    const { client } = connect();
    open = client;
    await client.init('cpu');
    await client.setData([discCase('a', 1, 16, 16, 4), discCase('b', 2, 16, 16, 4)]);
    const steps: number[] = [];
    let stopAt = Number.POSITIVE_INFINITY;
    let acked: (n: number) => void = () => undefined;
    const pauseAcked = new Promise<number>((r) => (acked = r));
    client.on('progress', (p) => {
      steps.push(p.step);
      if (p.step === 1) void client.pause().then(() => acked(steps.length));
      if (p.step >= stopAt) void client.stop();
    });
    const run = client.train({ ...config, epochs: 50, autoValidationFraction: 0 });
    const atAck = await pauseAcked;
    // The step in flight when the pause arrived may still report; then nothing moves.
    await new Promise((r) => setTimeout(r, 300));
    const held = steps.length;
    expect(held).toBeLessThanOrEqual(atAck + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(steps.length).toBe(held);
    stopAt = held + 1;
    await client.resume();
    const done = await run;
    expect(done.reason).toBe('stopped');
    expect(steps.length).toBeGreaterThan(held);
    expect(steps.length).toBeLessThanOrEqual(held + 2);
    expect(steps).toEqual(steps.map((_, i) => i + 1));
  });

  it('rebuilds errors as their classes and rejects everything after dispose', async () => {
    const { client } = connect();
    await client.init('cpu');
    const noModel = await client.predict({ caseName: 'nope' }).catch((e: unknown) => e);
    expect(noModel).toBeInstanceOf(EngineError);
    expect((noModel as EngineError).code).toBe('no-model');
    await client.setData([discCase('a', 1, 16, 16, 4)]);
    const bad = await client.train({ ...config, batchSize: 0 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Error);
    expect((bad as Error).name).toBe('RangeError');
    await client.dispose();
    await expect(client.init('cpu')).rejects.toBeInstanceOf(EngineClosedError);
  });

  it('falls back to a working backend when the preferred one cannot start', async () => {
    const { client } = connect();
    open = client;
    const ready = await client.init('webgpu');
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
