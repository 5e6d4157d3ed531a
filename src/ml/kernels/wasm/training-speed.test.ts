/**
 * Benchmark, off by default: ms per training step of the project's reference U-Net
 * (4 levels, 8 base filters, 120,681 parameters, Dice loss, Adam) on the wasm backend
 * with our kernels and on the cpu backend, and a check that both give the same losses.
 *
 *   WASM_TRAINING_BENCH=1 npx vitest run src/ml/kernels/wasm/training-speed
 *
 * Optional: BENCH_SIZE (128), BENCH_BATCH (4), BENCH_STEPS (wasm steps, 10) and
 * BENCH_CPU_STEPS (2; 0 skips cpu, which takes minutes per step at 128x128).
 */
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './index';
import { seeded } from './testing';
import { buildUNetFixture, diceLoss } from './unet-fixture';

const RUN = process.env.WASM_TRAINING_BENCH === '1';
const SIZE = Number(process.env.BENCH_SIZE ?? 128);
const BATCH = Number(process.env.BENCH_BATCH ?? 4);
const WASM_STEPS = Number(process.env.BENCH_STEPS ?? 10);
const CPU_STEPS = Number(process.env.BENCH_CPU_STEPS ?? 2);

interface Timing {
  backend: string;
  losses: number[];
  /** Wall-clock and process CPU milliseconds of each step. */
  wall: number[];
  cpu: number[];
}

async function timeTraining(backend: 'cpu' | 'wasm', steps: number): Promise<Timing> {
  if (backend === 'wasm') registerWasmTrainingKernels();
  await tf.setBackend(backend);
  const model = buildUNetFixture({ size: SIZE, baseFilters: 8, depth: 4 });
  if (SIZE === 128) expect(model.countParams()).toBe(120681);
  const pixels = BATCH * SIZE * SIZE;
  const image = tf.tensor4d(seeded(pixels, 1), [BATCH, SIZE, SIZE, 1]);
  const truth = tf.tidy(() =>
    tf.cast(tf.greater(tf.tensor4d(seeded(pixels, 2), image.shape), 0.4), 'float32'),
  );
  const optimizer = tf.train.adam(1e-3);
  const result: Timing = { backend, losses: [], wall: [], cpu: [] };
  for (let step = 0; step < steps; step++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const loss = optimizer.minimize(
      () => diceLoss(truth, model.apply(image, { training: true }) as tf.Tensor),
      true,
    );
    result.losses.push(loss?.dataSync()[0] ?? NaN);
    const cpu = process.cpuUsage(cpuStart);
    result.wall.push(performance.now() - start);
    result.cpu.push((cpu.user + cpu.system) / 1000);
    loss?.dispose();
  }
  tf.dispose([image, truth]);
  optimizer.dispose();
  model.dispose();
  return result;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
}

function report(t: Timing): string {
  // The first step builds XNNPACK operators and JIT-compiles: reported apart.
  const later = { wall: t.wall.slice(1), cpu: t.cpu.slice(1) };
  return (
    `${t.backend.padEnd(5)} first step ${t.wall[0].toFixed(0)} ms; later steps: median ` +
    `${median(later.wall).toFixed(0)} ms wall, ${median(later.cpu).toFixed(0)} ms CPU, ` +
    `min ${Math.min(...later.wall).toFixed(0)} ms wall (${later.wall.length} steps)`
  );
}

describe.skipIf(!RUN)('U-Net training speed (set WASM_TRAINING_BENCH=1 to run)', () => {
  it(
    `${SIZE}x${SIZE}, batch ${BATCH}: wasm with our kernels vs cpu`,
    { timeout: 3_600_000 },
    async () => {
      const wasm = await timeTraining('wasm', WASM_STEPS);
      const lines = [
        `U-Net ${SIZE}x${SIZE}, batch ${BATCH}, Node ${process.version}`,
        report(wasm),
      ];
      if (CPU_STEPS > 0) {
        const cpu = await timeTraining('cpu', CPU_STEPS);
        lines.push(report(cpu));
        cpu.losses.forEach((l, i) =>
          expect(Math.abs(wasm.losses[i] - l)).toBeLessThanOrEqual(1e-4 * l),
        );
      }
      console.log(lines.join('\n'));
      expect(wasm.losses.every(Number.isFinite)).toBe(true);
    },
  );
});
