/**
 * Fine-tune on my corrections: which corrected scans to learn from, whether to mix in the
 * model's original training scans, a small learning rate and few steps by default, the
 * encoder frozen on request; then the run's status and curves (continuing the base
 * model's) and each corrected scan's Dice before and after.
 */
import { useMemo, useState } from 'react';
import { isActive, useStudio, type TrainingRun } from '../../store';
import { numberField } from '../training/number-field';
import { RunStatusLine } from '../training/RunStatusLine';
import { stopTraining, togglePause } from '../training/run-actions';
import { TrainingCurves } from '../training/TrainingCurves';
import { FINE_TUNE_DEFAULTS, type FineTuneOptions } from './fine-tune-config';
import { correctedCases, fineTuneOnCorrections } from './fine-tune';

const dice = (v: number | null) => (v === null ? '–' : v.toFixed(3));

function CorrectionTable({ run }: { run: TrainingRun }) {
  const rows = run.corrections ?? [];
  return (
    <table className="corrections" aria-label={`Dice on the corrected scans: ${run.name}`}>
      <thead>
        <tr>
          <th>Corrected scan</th>
          <th>Dice before</th>
          <th>after</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const better = c.after !== null && c.before !== null && c.after > c.before;
          const worse = c.after !== null && c.before !== null && c.after < c.before;
          return (
            <tr key={c.case}>
              <td>{c.case}</td>
              <td>{dice(c.before)}</td>
              <td className={better ? 'better' : worse ? 'worse' : undefined}>{dice(c.after)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FineTunePanel() {
  const cases = useStudio((s) => s.cases);
  const runs = useStudio((s) => s.runs);
  const active = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const running = useStudio((s) => s.runs.find((r) => isActive(r)));
  // Recounted whenever the cases change (labels edited, slices reviewed).
  const corrected = useMemo(() => (cases.length >= 0 ? correctedCases() : []), [cases]);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [o, setO] = useState<FineTuneOptions>(FINE_TUNE_DEFAULTS);
  const [stage, setStage] = useState<string | null>(null);
  const chosen = corrected.filter((n) => !unticked.has(n));
  const base = active?.hasModel && !isActive(active) ? active : undefined;
  const scored = active?.corrections ? active : [...runs].reverse().find((r) => r.corrections);
  const set = <K extends keyof FineTuneOptions>(k: K, v: FineTuneOptions[K]) =>
    setO({ ...o, [k]: v });
  const start = () => {
    if (!base) return;
    setStage('starting');
    fineTuneOnCorrections(base.id, chosen, o, setStage)
      .catch((err: unknown) =>
        useStudio.getState().reportProblems([
          {
            path: 'fine-tune',
            message: `Fine-tune: ${err instanceof Error ? err.message : String(err)}`,
          },
        ]),
      )
      .finally(() => setStage(null));
  };
  return (
    <section aria-label="Fine-tune on corrections">
      <h2>Fine-tune on my corrections</h2>
      {corrected.length === 0 ? (
        <p className="muted">Edit a label (reviewed slices) to fine-tune on it.</p>
      ) : (
        <fieldset className="settings" disabled={stage !== null || running !== undefined}>
          <div role="group" aria-label="Corrected scans">
            {corrected.map((n) => (
              <label key={n} className="check">
                <input
                  type="checkbox"
                  checked={!unticked.has(n)}
                  onChange={(e) => {
                    const next = new Set(unticked);
                    if (e.target.checked) next.delete(n);
                    else next.add(n);
                    setUnticked(next);
                  }}
                />
                {n}
              </label>
            ))}
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={o.mixOriginal}
              onChange={(e) => set('mixOriginal', e.target.checked)}
            />
            Also train on the model&apos;s original training scans
          </label>
          <div className="field">
            {numberField(
              'ft-lr',
              'Fine-tune learning rate',
              o.learningRate,
              { min: 0, step: 0.00001 },
              (v) => set('learningRate', v),
            )}
            {numberField('ft-epochs', 'Fine-tune epochs', o.epochs, { min: 1, step: 1 }, (v) =>
              set('epochs', v),
            )}
            {numberField(
              'ft-steps',
              'Fine-tune steps per epoch',
              o.stepsPerEpoch,
              { min: 1, step: 1 },
              (v) => set('stepsPerEpoch', v),
            )}
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={o.freezeEncoder}
              onChange={(e) => set('freezeEncoder', e.target.checked)}
            />
            Freeze the encoder
          </label>
        </fieldset>
      )}
      <div className="row">
        <button
          className="primary"
          disabled={!base || chosen.length === 0 || stage !== null || running !== undefined}
          title={base ? `Fine-tune a copy of ${base.name}` : 'Choose a trained model above'}
          onClick={start}
        >
          Fine-tune
        </button>
        <button disabled={!running} onClick={() => togglePause()} aria-keyshortcuts="Space">
          {running?.status === 'paused' || running?.status === 'pausing' ? 'Resume' : 'Pause'}
        </button>
        <button disabled={!running} onClick={() => void stopTraining()}>
          Stop
        </button>
        {stage && <span className="muted">{stage}…</span>}
      </div>
      <RunStatusLine
        run={active}
        idle="Correct a prediction, mark its slices reviewed, then press Fine-tune."
      />
      <TrainingCurves />
      {scored && <CorrectionTable run={scored} />}
    </section>
  );
}
