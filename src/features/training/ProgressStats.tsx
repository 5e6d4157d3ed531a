/** Throughput, time and memory of the active run, as numbers. */
import { useStudio } from '../../store';

export function ProgressStats() {
  const run = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const p = run?.progress;
  if (!run) return null;
  const last = run.epochs.at(-1);
  return (
    <div className="stats" aria-label="Training progress">
      <span className="muted">Run</span>
      <span>
        {run.name} — <strong data-testid="run-status">{run.status}</strong>
      </span>
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
      {run.message && (
        <>
          <span className="muted">Note</span>
          <span>{run.message}</span>
        </>
      )}
    </div>
  );
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
