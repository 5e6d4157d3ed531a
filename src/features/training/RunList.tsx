/** The trained models: pick the one the viewer shows, predict, export, rename or delete. */
import { useRef } from 'react';
import { useStudio, type TrainingRun } from '../../store';
import { predictCase, runWeights } from './session';
import { deleteRun, importModel, renameRun } from './runs';
import { downloadPrediction } from './export-prediction';
import { downloadModel } from './model-files';

export function RunList() {
  const runs = useStudio((s) => s.runs);
  const active = useStudio((s) => s.activeRunId);
  const importInput = useRef<HTMLInputElement>(null);
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
  const best = bestValDice(r);
  const ready =
    runWeights(r.id) !== undefined &&
    r.status !== 'running' &&
    r.status !== 'starting' &&
    r.status !== 'paused';
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
          disabled={!ready}
          onClick={() => {
            const art = runWeights(r.id);
            if (art) downloadModel(art, r.name);
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
          disabled={!ready && r.status !== 'error'}
          onClick={() => void deleteRun(r.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
