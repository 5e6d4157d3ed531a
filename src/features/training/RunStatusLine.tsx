/**
 * One line under the Train controls that always says what the selected run is doing:
 * queued behind the backend check, running at which step with how long to go, pausing
 * (the step in flight finishes first), interrupted and resumable, or how it ended; and the
 * progress of a prediction with its model, which can be cancelled there.
 */
import type { TrainingRun } from '../../store';
import { formatMs } from './format';
import { cancelPrediction } from './predictions';

const WORDS: Record<TrainingRun['status'], string> = {
  queued: 'queued',
  starting: 'starting',
  running: 'running',
  pausing: 'pausing…',
  paused: 'paused',
  resuming: 'resuming…',
  finished: 'finished',
  stopped: 'stopped',
  error: 'error',
  interrupted: 'interrupted',
};

function detail(run: TrainingRun): string {
  const p = run.progress;
  switch (run.status) {
    case 'queued':
      return run.message ?? 'waiting for the engine';
    case 'pausing':
      return 'the step in flight finishes first';
    case 'running':
    case 'paused':
    case 'resuming':
      return p
        ? `epoch ${p.epoch} · step ${p.step} / ${p.totalSteps} · ${formatMs(p.elapsedMs)} elapsed · ${formatMs(p.etaMs)} to go`
        : 'building the network';
    default:
      return run.message ?? '';
  }
}

/** A prediction under way: how far it is, and a button to cancel it. */
function Predicting({ p }: { p: NonNullable<TrainingRun['predicting']> }) {
  const percent = Math.round((100 * p.done) / Math.max(1, p.total));
  return (
    <span className="muted" data-testid="prediction-progress">
      {' '}
      · predicting {p.case}: {percent} %{' '}
      <button type="button" onClick={() => void cancelPrediction(p.id)}>
        Cancel prediction
      </button>
    </span>
  );
}

export function RunStatusLine({
  run,
  idle = 'Press Train to train the model chosen above.',
}: {
  run: TrainingRun | undefined;
  /** What the line says before any run: the panel's own invitation. */
  idle?: string;
}) {
  if (!run) return <p className="run-status muted">{idle}</p>;
  return (
    <p className="run-status" aria-live="polite" aria-label="Run status">
      <strong>{run.name}</strong> — <span data-testid="run-status">{WORDS[run.status]}</span>
      {detail(run) && <span className="muted"> · {detail(run)}</span>}
      {run.predicting && <Predicting p={run.predicting} />}
    </p>
  );
}
