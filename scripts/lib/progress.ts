/**
 * Console lines for a training run watched from the script: what the run trains on,
 * a step line at a steady rhythm (about 40 per run, and every step of a short run), and
 * each epoch's losses and Dice.
 */
import type { BenchEvent } from '../../src/bench/api';
import { duration, int, ms, score } from './format';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Prints a run's events through `log`. */
export function progressPrinter(log: (line: string) => void): (event: BenchEvent) => void {
  let every = 1;
  let last = 0;
  return (event) => {
    switch (event.type) {
      case 'started': {
        every = Math.max(1, Math.floor(event.totalSteps / 40));
        // Each run's elapsed time starts from zero (cross-validation trains several).
        last = 0;
        const p = event.params;
        log(
          `training: ${int(p.trainable)} trainable + ${int(p.nonTrainable)} other parameters, ` +
            `${event.totalSteps} steps (${event.stepsPerEpoch} per epoch) on ${event.backend}`,
        );
        log(`  train: ${count(event.trainCases.length, 'case')}, ${event.trainSlices} slices`);
        const val = event.valCases.map((n) => n.replace(/^train\//, '')).join(', ');
        log(
          `  validation: ${event.valCases.length} cases (${val || 'none'}), ${event.valSlices} slices`,
        );
        return;
      }
      case 'progress': {
        const stepMs = event.elapsedMs - last;
        last = event.elapsedMs;
        if (event.step % every !== 0 && event.step !== event.totalSteps && event.step > 3) return;
        log(
          `  step ${event.step}/${event.totalSteps}  epoch ${event.epoch}  loss ${score(event.stepLoss)}  ` +
            `${ms(stepMs)} ms/step  elapsed ${duration(event.elapsedMs)}  eta ${duration(event.etaMs)}`,
        );
        return;
      }
      case 'epoch':
        log(
          `  epoch ${event.epoch}: train loss ${score(event.trainLoss)} Dice ${score(event.trainDice)}` +
            ` | val loss ${score(event.valLoss)} Dice ${score(event.valDice)} | lr ${event.lr.toExponential(1)}`,
        );
        return;
    }
  };
}
