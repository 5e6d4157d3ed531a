import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './index';
import { buildModel } from '../../models/index';
import type { ModelSpec } from '../../models/spec';
import { diceLoss } from '../../losses';
import { seeded } from './testing';

const S = Number(process.env.ENET_SIZE ?? 128),
  BATCH = Number(process.env.ENET_BATCH ?? 4);
const spec: ModelSpec = {
  architecture: { kind: 'enet', dropoutStage1: 0.01, dropout: 0.1 },
  inputSize: S,
  inChannels: 1,
  numClasses: 2,
};
it('prof enet', { timeout: 600000 }, async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const model = buildModel(spec);
  console.log('params', model.countParams());
  const n = BATCH * S * S;
  const x = tf.tensor4d(seeded(n, 1), [BATCH, S, S, 1]);
  const fg = tf.cast(tf.greater(tf.tensor4d(seeded(n, 2), [BATCH, S, S, 1]), 0.3), 'float32');
  const y = tf.concat([tf.sub(1, fg), fg], -1);
  const times: Record<string, number> = {};
  const stack: number[] = [];
  const parents: string[] = [];
  if (process.env.PROF === '1')
    for (const k of tf.getKernelsForBackend('wasm')) {
      const f = k.kernelFunc;
      (k as { kernelFunc: tf.KernelFunc }).kernelFunc = (a) => {
        parents.push(k.kernelName);
        stack.push(0);
        const t0 = performance.now();
        const r = f(a);
        const dt = performance.now() - t0;
        const child = stack.pop()!;
        parents.pop();
        if (stack.length) stack[stack.length - 1] += dt;
        const nm = k.kernelName + (parents.length ? '<' + parents[parents.length - 1] : '');
        times[nm] = (times[nm] ?? 0) + dt - child;
        return r;
      };
    }
  const opt = tf.train.adam(1e-3);
  const steps = 8;
  for (let i = 0; i < steps; i++) {
    if (i === 1) for (const k in times) delete times[k];
    const t0 = performance.now();
    const l = opt.minimize(
      () => diceLoss(y, model.apply(x, { training: true }) as tf.Tensor),
      true,
    )!;
    console.log('step', i, l.dataSync()[0], (performance.now() - t0).toFixed(0), 'ms');
    l.dispose();
  }
  const e = Object.entries(times).sort((a, b) => b[1] - a[1]);
  console.log(
    e
      .slice(0, 30)
      .map(([k, v]) => k.padEnd(40) + (v / (steps - 1)).toFixed(1))
      .join('\n'),
  );
});
