import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { readNifti } from '../../io';
import type { CaseData, SplitRole } from '../../shared/protocol';
import { SegmentationEngine } from './engine';
import { useTrainingTestBackend } from './test-backend';
import { defaultTrainConfig } from './config';

const DATA = path.resolve(__dirname, '../../../../shared/data/promise12');
function loadCase(index: number, role: SplitRole): CaseData {
  const id = String(index).padStart(2, '0');
  const read = (kind: string) => readNifti(readFileSync(path.join(DATA, `${kind}_train${id}.nii.gz`)), kind)[0];
  const image = read('image'); const label = read('label');
  return { name: `case${id}`, channels: [Float32Array.from(image.data)], dims: image.dims, spacing: image.spacing, label: Uint8Array.from(label.data), role };
}

it('default timing', async () => {
  console.log(await useTrainingTestBackend(), existsSync(DATA));
  const engine = new SegmentationEngine();
  engine.setData(Array.from({ length: 30 }, (_, i) => loadCase(i, i >= 24 ? 'val' : 'train')), 'replace');
  const size = Number(process.env.SIZE ?? 128);
  const config = { ...defaultTrainConfig({ inputSize: size }), epochs: Number(process.env.EPOCHS ?? 1), stepsPerEpoch: Number(process.env.STEPS ?? 3) };
  const t = performance.now();
  const done = await engine.train(config, {
    onStarted: (s) => console.log('started', JSON.stringify(s.params), s.trainSlices, s.valSlices, s.stepsPerEpoch),
    onProgress: (p) => { if (p.step % 10 === 0 || p.step <= 3) console.log('step', p.step, p.stepLoss.toFixed(3), Math.round(p.elapsedMs / p.step), 'ms/step', p.slicesPerSecond.toFixed(2), 'sl/s', p.numTensors); },
    onEpoch: (m) => console.log('epoch', JSON.stringify(m), Math.round(performance.now() - t)),
  });
  console.log(JSON.stringify(done));
  const p = await engine.predict({ caseName: 'case25' });
  console.log('predict ms/slice', p.msPerSlice.toFixed(1), 'total', p.totalMs.toFixed(0));
  await engine.dispose();
}, 1200000);
