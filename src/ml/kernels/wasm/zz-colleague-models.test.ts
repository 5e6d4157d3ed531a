import { it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './index';
import { buildModel } from '../../models/index';
import type { ModelSpec } from '../../models/spec';
import { diceLoss } from '../../losses';
import { seeded } from './testing';

const specs: ModelSpec[] = [
  {
    architecture: { kind: 'enet', dropoutStage1: 0, dropout: 0 },
    inputSize: 32,
    inChannels: 1,
    numClasses: 2,
  },
  {
    architecture: {
      kind: 'unet',
      depth: 3,
      baseFilters: 8,
      maxFilters: 32,
      kernelSize: 5,
      batchNorm: true,
      dropout: 0,
      activation: 'prelu',
      deepSupervision: false,
    },
    inputSize: 32,
    inChannels: 1,
    numClasses: 1,
  },
];
const saved = new Map<string, Float32Array[]>();
async function grads(backend: 'cpu' | 'wasm', spec: ModelSpec) {
  if (backend === 'wasm') registerWasmTrainingKernels();
  await tf.setBackend(backend);
  const model = buildModel(spec);
  const key = spec.architecture.kind;
  if (!saved.has(key))
    saved.set(
      key,
      model.getWeights().map((t) => Float32Array.from(t.dataSync())),
    );
  else model.setWeights(model.getWeights().map((t, i) => tf.tensor(saved.get(key)![i], t.shape)));
  const n = 2 * 32 * 32;
  const x = tf.tensor4d(seeded(n, 1), [2, 32, 32, 1]);
  const fg = tf.cast(tf.greater(tf.tensor4d(seeded(n, 2), [2, 32, 32, 1]), 0.3), 'float32');
  const y = spec.numClasses === 1 ? fg : tf.concat([tf.sub(1, fg), fg], -1);
  const t0 = performance.now();
  const { value, grads } = tf.variableGrads(() =>
    diceLoss(y, model.apply(x, { training: true }) as tf.Tensor),
  );
  const ms = performance.now() - t0;
  return {
    ms,
    loss: value.dataSync()[0],
    g: model.trainableWeights.map((w) => ({
      name: w.name,
      v: Float32Array.from(grads[(w.read() as tf.Variable).name].dataSync()),
    })),
  };
}
for (const spec of specs) {
  it(spec.architecture.kind, async () => {
    const c = await grads('cpu', spec);
    const w = await grads('wasm', spec);
    console.log(
      spec.architecture.kind,
      'cpu ms',
      c.ms.toFixed(0),
      'wasm ms',
      w.ms.toFixed(0),
      c.loss,
      w.loss,
    );
    let worst = 0;
    c.g.forEach((ref, i) => {
      const err = w.g[i].v.reduce((m, v, k) => Math.max(m, Math.abs(v - ref.v[k])), 0);
      const sc = ref.v.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      if (sc > 1e-6 && err / sc > 1e-4) console.log(ref.name, err / sc, sc);
      if (sc > 1e-6) worst = Math.max(worst, err / sc);
    });
    console.log('worst', worst);
    expect(Math.abs(c.loss - w.loss)).toBeLessThan(1e-5);
  });
}
