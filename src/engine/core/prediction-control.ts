/**
 * Named predictions: a 3-D network's sliding window over a large volume takes a while, so
 * a prediction given an id reports its progress as events and can be cancelled, whether
 * it is still queued behind other requests or already running (it stops between batches).
 */
import type { PredictControl } from '../../ml/geometry';
import type { EngineEvent } from '../api';

export class PredictionControl {
  /** Named predictions not yet ended, and those of them asked to stop. */
  private readonly pending = new Set<string>();
  private readonly stopping = new Set<string>();

  constructor(private readonly emit: (event: EngineEvent) => void) {}

  /** The control of a prediction of `caseName` named `id` (none for an unnamed one). */
  begin(id: string | undefined, caseName: string): PredictControl {
    if (id === undefined) return {};
    this.pending.add(id);
    return {
      cancelled: () => this.stopping.has(id),
      onProgress: (done, total) =>
        this.emit({ type: 'predict-progress', id, case: caseName, done, total }),
    };
  }

  /** Forgets prediction `id` once it has ended, however it ended. */
  end(id: string | undefined): void {
    if (id === undefined) return;
    this.pending.delete(id);
    this.stopping.delete(id);
  }

  /** Asks prediction `id` to stop; an id no pending prediction has is ignored. */
  cancel(id: string): void {
    if (this.pending.has(id)) this.stopping.add(id);
  }
}
