/**
 * The compare view's bar: the models (two or more, each with its letter and colour; the
 * ticked ones can become an ensemble), whether each is also scored mirror-averaged, the
 * case, what to evaluate, Run / Cancel with progress, overlay or side-by-side, and the
 * exports. Every control has a visible label.
 */
import { isActive, useStudio } from '../../store';
import { cssColor } from '../viewer/colors';
import { availableRuns, cancelComparison, startComparison } from './actions';
import { useCompare, type CompareViewMode } from './compare-store';
import { casesInScope, labelledCases, type CaseScope } from './plan';
import { downloadCsv, downloadJson } from './downloads';
import { MAX_COMPARED, sideColor, sideColorName, sideLetter } from './model-colors';
import { createEnsemble } from '../training/ensembles';

function Swatch({ color }: { color: readonly [number, number, number] }) {
  return <span className="viewer-swatch" style={{ background: cssColor(color) }} aria-hidden />;
}

/** A check box per model that can predict; the checked ones are compared, in order. */
function ModelPicker() {
  const runs = useStudio((s) => s.runs);
  const chosen = useCompare((s) => s.models);
  const tta = useCompare((s) => s.tta);
  const usable = availableRuns();
  // With mirror averaging each model takes two columns (plain, then mirrored).
  const perModel = tta ? 2 : 1;
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((x) => x !== id);
    useCompare.getState().set({ models: next });
  };
  const ensemble = () =>
    createEnsemble(chosen)
      .then((id) => useCompare.getState().set({ models: [...chosen, id], error: null }))
      .catch((err: unknown) =>
        useCompare.getState().set({ error: err instanceof Error ? err.message : String(err) }),
      );
  return (
    <fieldset className="compare-models" aria-label="Models to compare">
      <legend>Models (two or more)</legend>
      {runs
        .filter((r) => usable.some((u) => u.id === r.id))
        .map((r) => {
          const i = chosen.indexOf(r.id);
          const full = i < 0 && (chosen.length + 1) * perModel > MAX_COMPARED;
          return (
            <label key={r.id} className="check">
              <input
                type="checkbox"
                checked={i >= 0}
                disabled={full}
                onChange={(e) => toggle(r.id, e.target.checked)}
              />
              {r.name}
              {i >= 0 && (
                <span className="compare-side-tag">
                  <Swatch color={sideColor(i * perModel)} /> {sideLetter(i * perModel)} (
                  {sideColorName(i * perModel)})
                </span>
              )}
            </label>
          );
        })}
      {usable.length === 0 && <span className="muted">No trained model yet.</span>}
      <button
        disabled={chosen.length < 2}
        title="One more model that averages the probabilities of the ticked ones"
        onClick={() => void ensemble()}
      >
        Make an ensemble of the ticked models
      </button>
      <label
        className="check"
        title="Each slice (or 3-D patch) and its mirror images as the model trained with them (left-right; up-down too if trained so), averaged"
      >
        <input
          type="checkbox"
          checked={tta}
          disabled={!tta && chosen.length * 2 > MAX_COMPARED}
          onChange={(e) => useCompare.getState().set({ tta: e.target.checked, result: null })}
        />
        Also with mirror averaging (test-time augmentation)
      </label>
    </fieldset>
  );
}

export function CompareControls({ onExportPng }: { onExportPng: () => void }) {
  const c = useCompare();
  const cases = useStudio((s) => s.cases);
  const training = useStudio((s) => s.runs.some((r) => isActive(r)));
  const labelled = labelledCases(cases);
  const scopeCases = casesInScope(cases, c.scope, c.caseName);
  const busy = c.progress !== null;
  const canRun = !busy && !training && c.models.length >= 2 && scopeCases.length > 0;
  const nTest = labelled.filter((x) => x.split === 'test').length;
  return (
    <div className="compare-controls" role="toolbar" aria-label="Comparison settings">
      <ModelPicker />
      <span className="compare-field">
        <label htmlFor="cmp-case">Case</label>
        <select
          id="cmp-case"
          value={c.caseName ?? ''}
          onChange={(e) => c.set({ caseName: e.target.value })}
        >
          {labelled.length === 0 && <option value="">No labelled case</option>}
          {labelled.map((x) => (
            <option key={x.name} value={x.name}>
              {x.name} ({x.split})
            </option>
          ))}
        </select>
      </span>
      <span className="compare-field">
        <label htmlFor="cmp-scope">Evaluate</label>
        <select
          id="cmp-scope"
          value={c.scope}
          onChange={(e) => c.set({ scope: e.target.value as CaseScope })}
        >
          <option value="case">This case</option>
          <option value="test">Test split ({nTest})</option>
          <option value="labelled">All labelled ({labelled.length})</option>
        </select>
      </span>
      <button className="primary" disabled={!canRun} onClick={() => void startComparison()}>
        Run comparison
      </button>
      <button disabled={!busy} onClick={cancelComparison}>
        Cancel
      </button>
      <span className="compare-field">
        <label htmlFor="cmp-view">View</label>
        <select
          id="cmp-view"
          value={c.view}
          onChange={(e) => c.set({ view: e.target.value as CompareViewMode })}
        >
          <option value="overlay">Overlay</option>
          <option value="side-by-side">Side by side</option>
        </select>
      </span>
      <span className="compare-exports">
        Export{' '}
        <button
          aria-label="Export CSV"
          disabled={!c.result}
          onClick={() => c.result && downloadCsv(c.result)}
        >
          CSV
        </button>
        <button
          aria-label="Export JSON"
          disabled={!c.result}
          onClick={() => c.result && downloadJson(c.result)}
        >
          JSON
        </button>
        <button aria-label="Export PNG" onClick={onExportPng}>
          PNG
        </button>
      </span>
      <CompareStatus training={training} canRun={canRun} />
    </div>
  );
}

function CompareStatus({ training, canRun }: { training: boolean; canRun: boolean }) {
  const { progress, error, models } = useCompare();
  if (progress) {
    return (
      <div className="compare-status" role="status" aria-label="Comparison progress">
        <progress max={progress.total} value={progress.done} />
        <span className="muted">
          {progress.current} ({progress.done} / {progress.total})
        </span>
      </div>
    );
  }
  const hint = training
    ? 'Wait for the training run to end.'
    : models.length < 2
      ? 'Choose two or more trained models to compare.'
      : !canRun
        ? 'No labelled case to evaluate.'
        : null;
  const text = error ?? hint;
  return text ? (
    <p className="compare-status muted" role="status">
      {text}
    </p>
  ) : null;
}
