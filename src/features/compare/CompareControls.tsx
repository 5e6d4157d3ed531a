/**
 * The compare view's bar: models A and B, the case, what to evaluate, Run / Cancel with
 * progress, overlay or side-by-side, and the exports. Every control has a visible label.
 */
import { useStudio } from '../../store';
import { cssColor, CONTOUR_COLORS } from '../viewer/colors';
import { availableRuns, cancelComparison, startComparison } from './actions';
import { useCompare, type CompareViewMode } from './compare-store';
import { casesInScope, labelledCases, type CaseScope } from './plan';
import { downloadCsv, downloadJson } from './downloads';

function isTraining(status: string): boolean {
  return status === 'running' || status === 'starting' || status === 'paused';
}

function Swatch({ color }: { color: readonly [number, number, number] }) {
  return <span className="viewer-swatch" style={{ background: cssColor(color) }} aria-hidden />;
}

function ModelSelect(props: {
  side: 'A' | 'B';
  value: string | null;
  onChange: (id: string) => void;
}) {
  const runs = useStudio((s) => s.runs);
  const usable = availableRuns();
  const id = `cmp-model-${props.side.toLowerCase()}`;
  const color = props.side === 'A' ? CONTOUR_COLORS.modelA : CONTOUR_COLORS.modelB;
  return (
    <span className="compare-field">
      <label htmlFor={id}>
        <Swatch color={color} /> Model {props.side} ({props.side === 'A' ? 'red' : 'green'})
      </label>
      <select id={id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
        {props.value === null && <option value="">No model</option>}
        {runs
          .filter((r) => usable.some((u) => u.id === r.id))
          .map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
      </select>
    </span>
  );
}

export function CompareControls({ onExportPng }: { onExportPng: () => void }) {
  const c = useCompare();
  const cases = useStudio((s) => s.cases);
  const training = useStudio((s) => s.runs.some((r) => isTraining(r.status)));
  const labelled = labelledCases(cases);
  const scopeCases = casesInScope(cases, c.scope, c.caseName);
  const busy = c.progress !== null;
  const canRun =
    !busy &&
    !training &&
    c.modelA !== null &&
    c.modelB !== null &&
    c.modelA !== c.modelB &&
    scopeCases.length > 0;
  const nTest = labelled.filter((x) => x.split === 'test').length;
  return (
    <div className="compare-controls" role="toolbar" aria-label="Comparison settings">
      <ModelSelect side="A" value={c.modelA} onChange={(modelA) => c.set({ modelA })} />
      <ModelSelect side="B" value={c.modelB} onChange={(modelB) => c.set({ modelB })} />
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
  const { progress, error, modelA, modelB } = useCompare();
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
    : modelA === null || modelB === null
      ? 'Train or load two models to compare them.'
      : modelA === modelB
        ? 'Choose two different models.'
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
