/**
 * Running figures of a training run: step timing (for throughput and ETA, pauses
 * excluded) and each epoch's loss and Dice sums, kept on the device until the epoch ends.
 */
import * as tf from '@tensorflow/tfjs';
import { DiceAccumulator } from './dice-stats';
import type { StepResult } from './step';

/** Timing of the steps taken so far, pauses excluded. */
export class Clock {
  activeMs = 0;
  slices = 0;
  steps = 0;

  record(ms: number, slices: number): void {
    this.activeMs += ms;
    this.slices += slices;
    this.steps++;
  }

  eta(remainingSteps: number): number {
    return this.steps > 0 ? (this.activeMs / this.steps) * remainingSteps : 0;
  }
}

/** One epoch's running sums, released when read. */
export class EpochSums {
  private loss: tf.Scalar = tf.scalar(0);
  private steps = 0;
  readonly dice = new DiceAccumulator();

  /** Takes ownership of the step's tensors. */
  add(step: StepResult): void {
    const next = tf.add<tf.Scalar>(this.loss, step.loss);
    tf.dispose([this.loss, step.loss]);
    this.loss = next;
    this.steps++;
    this.dice.add(step.counts);
  }

  async read(): Promise<{ loss: number; dice: number; accuracy: number; meanIoU: number }> {
    const loss = (await this.loss.data())[0] / Math.max(1, this.steps);
    const { dice, accuracy, meanIoU } = await this.dice.readScores();
    return { loss, dice, accuracy, meanIoU };
  }

  dispose(): void {
    this.loss.dispose();
    this.dice.dispose();
  }
}
