/**
 * Pause / resume / stop for a running training loop. The loop awaits `checkpoint()`
 * between steps; the requests arrive as messages handled while the loop is suspended,
 * which is why the loop must yield to the event loop every step.
 */

export type RunState = 'running' | 'paused' | 'stopping';

/** Cooperative control of one training run. */
export class RunControl {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  get state(): RunState {
    if (this.stopped) return 'stopping';
    return this.paused ? 'paused' : 'running';
  }

  /** Holds the run at its next checkpoint. */
  pause(): void {
    if (!this.stopped) this.paused = true;
  }

  /** Lets a paused run continue. */
  resume(): void {
    this.paused = false;
    this.release();
  }

  /** Ends the run at its next checkpoint (also from a pause). */
  stop(): void {
    this.stopped = true;
    this.paused = false;
    this.release();
  }

  /** Resolves when the run may take its next step: true to go on, false to stop. */
  async checkpoint(): Promise<boolean> {
    while (this.paused && !this.stopped) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return !this.stopped;
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** Lets pending messages and timers run (a macrotask, unlike `await` on a resolved promise). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
