/**
 * The trained models: pick the one the viewer shows, predict (mirror-averaged on request),
 * export, download, rename or delete it, and resume a run that was interrupted (or
 * stopped) from its last checkpoint. Ensembles and out-of-fold views list here too; they
 * predict like any model but have no weights of their own to download.
 */
import { useRef } from 'react';
import { isActive, isComposite, useStudio, type TrainingRun } from '../../store';
import { engine } from './engine-session';
import { downloadPrediction } from './export-prediction';
import { downloadModel } from './model-files';
import { predictCase } from './predictions';
import { usePredictOptions } from './predict-options';
import { resumeRun } from './run-actions';
import { deleteRun, importModel, renameRun } from './run-persistence';

export function RunList() {
  const runs = useStudio((s) => s.runs);
  const active = useStudio((s) => s.activeRunId);
  const importInput = useRef<HTMLInputElement>(null);
  const tta = usePredictOptions((s) => s.tta);
  return (
    <section aria-label="Models">
      <h2>Models</h2>
      {runs.length === 0 && (
        <p className="muted">Trained models are kept here (in this browser).</p>
      )}
      <ul className="runs">
        {runs.map((r) => (
          <RunItem key={r.id} run={r} active={r.id === active} />
        ))}
      </ul>
      <label
        className="check"
        title="Each slice (or 3-D patch) is also predicted mirrored left-right, and up-down too if the model trained with up-down flips; the predictions are averaged: 2 (or 4) times the work"
      >
        <input
          type="checkbox"
          checked={tta}
          onChange={(e) => usePredictOptions.getState().setTta(e.target.checked)}
        />
        Predict with mirror averaging (test-time augmentation)
      </label>
      <button onClick={() => importInput.current?.click()}>Load model…</button>
      <input
        ref={importInput}
        type="file"
        multiple
        hidden
        accept=".json,.bin"
        aria-label="Choose model files"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void importModel(files);
        }}
      />
    </section>
  );
}

function bestValDice(r: TrainingRun): number | null {
  return r.epochs.reduce<number | null>(
    (m, e) => (e.valDice !== null && (m === null || e.valDice > m) ? e.valDice : m),
    null,
  );
}

function RunItem({ run: r, active }: { run: TrainingRun; active: boolean }) {
  const selected = useStudio((s) => s.selectedCase);
  const pred = useStudio((s) => (selected ? s.predictions[r.id]?.[selected] : undefined));
  const setActive = useStudio((s) => s.setActiveRun);
  const engineBusy = useStudio((s) => s.runs.some((x) => isActive(x)));
  const best = bestValDice(r);
  const running = isActive(r);
  const ready = r.hasModel === true && !running;
  const resumable =
    !running &&
    !engineBusy &&
    (r.status === 'interrupted' || r.status === 'stopped') &&
    !!r.checkpoint;
  const report = (err: unknown) =>
    useStudio
      .getState()
      .reportProblems([
        { path: r.name, message: `${r.name}: ${err instanceof Error ? err.message : String(err)}` },
      ]);
  return (
    <li className={active ? 'selected' : undefined}>
      <div className="row">
        <input
          type="radio"
          name="active-run"
          aria-label={`Show model ${r.name}`}
          checked={active}
          onChange={() => setActive(r.id)}
        />
        <strong>{r.name}</strong>
        <span className="muted">
          {r.status}
          {best !== null ? ` · best val Dice ${best.toFixed(3)}` : ''}
        </span>
      </div>
      <div className="row">
        {resumable && (
          <button
            className="primary"
            aria-label={`Resume ${r.name}`}
            onClick={() => void resumeRun(r.id).catch(report)}
            title={`Continue from the checkpoint after epoch ${r.checkpoint?.epoch ?? 0}`}
          >
            Resume from epoch {r.checkpoint?.epoch}
          </button>
        )}
        <button
          disabled={!ready || !selected}
          onClick={() => {
            setActive(r.id);
            if (selected) predictCase(r.id, selected).catch(report);
          }}
        >
          Predict {selected ?? ''}
        </button>
        <button
          disabled={!pred}
          onClick={() => pred && selected && downloadPrediction(pred, `${selected}_${r.name}`)}
        >
          Export mask
        </button>
        <button
          disabled={!ready || isComposite(r)}
          title={isComposite(r) ? 'Download its models one by one' : undefined}
          onClick={() => {
            engine()
              .then((c) => c.exportModel(r.id))
              .then((art) => downloadModel(art, r.name))
              .catch(report);
          }}
        >
          Download model
        </button>
        <button
          aria-label={`Rename model ${r.name}`}
          onClick={() => {
            const name = window.prompt('New name for this model', r.name);
            if (name) void renameRun(r.id, name);
          }}
        >
          Rename
        </button>
        <button
          aria-label={`Delete model ${r.name}`}
          disabled={running}
          onClick={() => void deleteRun(r.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
