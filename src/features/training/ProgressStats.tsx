/** Throughput, time, memory and per-case validation Dice of the selected run, on request. */
import { useStudio } from '../../store';
import { formatMs } from './format';

export function ProgressStats() {
  const run = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const p = run?.progress;
  if (!run) return null;
  const last = run.epochs.at(-1);
  return (
    <details className="settings-section">
      <summary>
        <span className="section-title">Run details</span>
        <span className="section-summary muted">
          {run.params ? `${run.params.trainable.toLocaleString()} parameters` : ''}
        </span>
      </summary>
      <div className="stats" aria-label="Training progress">
        {run.params && (
          <>
            <span className="muted">Parameters</span>
            <span>
              {run.params.trainable.toLocaleString()} trainable +{' '}
              {run.params.nonTrainable.toLocaleString()}
            </span>
          </>
        )}
        {p && (
          <>
            <span className="muted">Step</span>
            <span data-testid="run-step">
              {p.step} / {p.totalSteps} (epoch {p.epoch})
            </span>
            <span className="muted">Throughput</span>
            <span>{p.slicesPerSecond.toFixed(1)} slices/s</span>
            <span className="muted">Elapsed / ETA</span>
            <span>
              {formatMs(p.elapsedMs)} / {formatMs(p.etaMs)}
            </span>
            <span className="muted">Tensors</span>
            <span>
              {p.numTensors} ({(p.numBytes / 1024 ** 2).toFixed(1)} MB)
            </span>
          </>
        )}
        {last && (
          <>
            <span className="muted">Last epoch</span>
            <span data-testid="last-epoch">
              loss {last.trainLoss.toFixed(3)}, Dice {last.trainDice.toFixed(3)}
              {last.valDice !== null ? `, val Dice ${last.valDice.toFixed(3)}` : ''}
            </span>
          </>
        )}
        {last?.valCaseDice && last.valCaseDice.length > 1 && (
          <>
            <span className="muted">Val Dice per case</span>
            <span data-testid="val-case-dice">
              {last.valCaseDice.map((c) => `${c.name} ${c.dice.toFixed(2)}`).join(', ')}
            </span>
          </>
        )}
        {run.checkpoint && (
          <>
            <span className="muted">Checkpoint</span>
            <span>
              after epoch {run.checkpoint.epoch} (step {run.checkpoint.step})
            </span>
          </>
        )}
      </div>
    </details>
  );
}
