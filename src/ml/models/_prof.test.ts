import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { buildModel, defaultSpec } from './index';
import { diceLoss } from '../losses';
it('prof', async () => {
  await tf.setBackend('cpu');
  for (const spec of [
    { architecture: { kind: 'unet', depth: 3, baseFilters: 8, maxFilters: 32, kernelSize: 3, batchNorm: true, dropout: 0, activation: 'relu', deepSupervision: false }, inputSize: 32, inChannels: 1, numClasses: 1 } as const,
    defaultSpec('enet', 32, 1, 2),
  ]) {
    const m = buildModel(spec);
    const x = tf.randomNormal([2, 32, 32, 1]);
    const y = tf.randomUniform([2, 32, 32, spec.numClasses]);
    let t = performance.now();
    tf.tidy(() => m.apply(x, { training: true }));
    console.log(spec.architecture.kind, 'fwd', (performance.now() - t).toFixed(0));
    const opt = tf.train.adam(0.01);
    const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
    for (let i = 0; i < 2; i++) {
      t = performance.now();
      const prof = await tf.profile(() => tf.tidy(() => opt.minimize(() => diceLoss(y, m.apply(x, { training: true }) as tf.Tensor), true, vars)));
      console.log(spec.architecture.kind, 'step', (performance.now() - t).toFixed(0));
      if (i === 1) {
        const agg: Record<string, number> = {};
        for (const k of prof.kernels) agg[k.name] = (agg[k.name] ?? 0) + (k.kernelTimeMs as number);
        console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}:${v.toFixed(0)}`).join(' '));
      }
    }
  }
}, 600000);
