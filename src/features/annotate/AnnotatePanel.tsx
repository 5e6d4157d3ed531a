/**
 * The right panel of the Annotate workspace, in the order of the loop it serves: the
 * model to work with, where the selected scan's label starts (empty, the manual label or
 * the model's draft) and how much of it is reviewed, fine-tuning the model on the
 * corrections, and which scan to annotate next.
 */
import { useState } from 'react';
import { isActive, useStudio } from '../../store';
import { downloadLabel } from './export-label';
import { FineTunePanel } from './FineTunePanel';
import { markAllReviewed } from './label-edits';
import { reviewedCount } from './reviewed';
import { originalLabelPath, startEmpty, startFromManual, startFromDraft } from './start-from';
import { SuggestionList } from './SuggestionList';

function report(what: string, err: unknown): void {
  useStudio
    .getState()
    .reportProblems([
      { path: what, message: `${what}: ${err instanceof Error ? err.message : String(err)}` },
    ]);
}

/** The model drafts, suggestions and fine-tunes use: the active run, chosen here. */
function ModelPicker() {
  const runs = useStudio((s) => s.runs);
  const active = useStudio((s) => s.activeRunId);
  const setActive = useStudio((s) => s.setActiveRun);
  const usable = runs.filter((r) => r.hasModel && !isActive(r));
  return (
    <div className="field">
      <label htmlFor="an-model">Model</label>
      <select
        id="an-model"
        value={usable.some((r) => r.id === active) ? (active ?? '') : ''}
        onChange={(e) => setActive(e.target.value || null)}
      >
        <option value="">{usable.length ? 'choose a model' : 'no trained model yet'}</option>
        {usable.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function CaseSection() {
  const name = useStudio((s) => s.selectedCase);
  const study = useStudio((s) => s.cases.find((c) => c.name === s.selectedCase));
  const files = useStudio((s) => s.files);
  const model = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId && r.hasModel));
  const drawMarks = useStudio((s) => s.drawMarksReviewed);
  const setDrawMarks = useStudio((s) => s.setDrawMarksReviewed);
  const [busy, setBusy] = useState(false);
  if (!name || !study) return <p className="muted">Select a scan in the dataset table.</p>;
  const image = files[study.channels[0]?.path ?? '']?.volumes?.[0];
  const label = study.label ? files[study.label]?.volumes?.[0] : undefined;
  const depth = image?.dims[2] ?? 0;
  const original = originalLabelPath(name);
  const edited = study.editedFrom !== undefined;
  const reviewed = study.reviewed ?? (label ? null : []);
  const draft = async () => {
    if (!model) return;
    setBusy(true);
    try {
      await startFromDraft(name, model.id);
    } catch (err) {
      report('Draft', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Label of this scan">
      <h2>Label of {name}</h2>
      <p className="muted">
        {!label
          ? 'No label yet: draw one, or start from a draft.'
          : edited
            ? `Edited${original ? ` from ${original.slice(original.lastIndexOf('/') + 1)}` : ''}; kept in this browser.`
            : 'The manual label it came with.'}
      </p>
      <div className="row start-buttons" role="group" aria-label="Start from">
        <button onClick={() => startEmpty(name)} disabled={!image}>
          Empty label
        </button>
        <button
          onClick={() => {
            try {
              startFromManual(name);
            } catch (err) {
              report('Manual label', err);
            }
          }}
          disabled={!original}
          title={original ? `Start again from ${original}` : 'This scan came without a label'}
        >
          Manual label
        </button>
        <button
          onClick={() => void draft()}
          disabled={!model || busy}
          title={model ? `The prediction of ${model.name}` : 'Choose a trained model above'}
        >
          {busy ? 'Predicting…' : 'Use this prediction as a draft'}
        </button>
      </div>
      {label && (
        <>
          <div className="row">
            <span aria-label="Reviewed summary">
              {reviewed === null
                ? `All ${depth} slices count`
                : `${reviewedCount(reviewed, depth)} of ${depth} slices reviewed; only they train`}
            </span>
            {reviewed !== null && (
              <button onClick={() => markAllReviewed(name)}>Mark all slices reviewed</button>
            )}
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={drawMarks}
              onChange={(e) => setDrawMarks(e.target.checked)}
            />
            Drawing on a slice marks it reviewed
          </label>
          <button onClick={() => downloadLabel(label, name, image)}>Export label (.nii.gz)</button>
        </>
      )}
    </section>
  );
}

export function AnnotatePanel() {
  return (
    <div className="annotate-panel">
      <h2>Annotate</h2>
      <ModelPicker />
      <CaseSection />
      <FineTunePanel />
      <SuggestionList />
    </div>
  );
}
