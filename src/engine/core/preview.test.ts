import { beforeAll, describe, expect, it } from 'vitest';
import { discCase, tinyConfig } from '../../ml/train/fixtures';
import type { Prediction } from '../api';
import { testBackend, testEngine } from './testing';

beforeAll(async () => {
  await testBackend();
});

describe('a run in progress', () => {
  it('predicts between its epochs, before its model is kept', async () => {
    const engine = testEngine();
    await engine.putCases([discCase('a', 1), discCase('t', 4, 40, 40, 6, 'test')]);
    // Settled at once, so that a refused preview fails the test rather than the runner.
    const previews: Promise<Prediction | Error>[] = [];
    const off = engine.subscribe((e) => {
      if (e.type === 'epoch' && e.epoch === 1) {
        previews.push(
          engine
            .predict({ model: 'run', case: 't' })
            .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
        );
      }
    });
    const done = await engine.train({
      run: 'run',
      config: { ...tinyConfig(), epochs: 2, autoValidationFraction: 0 },
    });
    off();
    expect(done.reason).toBe('finished');
    expect(previews).toHaveLength(1);
    const preview = await previews[0];
    if (preview instanceof Error) throw preview;
    expect(preview.labels).toHaveLength(40 * 40 * 6);
    await engine.dispose();
  });
});
