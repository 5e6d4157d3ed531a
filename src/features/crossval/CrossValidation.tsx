/**
 * The Train panel's cross-validation section: choose K and press Cross-validate to train
 * K models of the network set above, one after another, each on every labelled train and
 * validation case but one fold's; then read the per-fold and pooled table, and find the
 * ensemble and the out-of-fold predictions among the models (and in Compare). A stopped
 * or interrupted cross-validation goes on where it stopped.
 */
import { useEffect, useState } from 'react';
import type { TrainConfig } from '../../ml/train/config';
import { isActive, useStudio, type TrainingRun } from '../../store';
import {
  cancelEvaluation,
  continueCrossValidation,
  deleteStudy,
  evaluateStudy,
  startCrossValidation,
} from './crossval-actions';
import { restoreStudies, useCrossval } from './crossval-store';
import { FoldTable } from './FoldTable';
import { foldCandidates, studyProgress, type CrossValidationStudy } from './study';
import './crossval.css';

interface Props {
  /** The configuration each fold trains with (the panel's settings), or null when invalid. */
  makeConfig: () => TrainConfig | null;
}

function reportTo(id: string | null) {
  return (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (id) useCrossval.getState().setMessage(id, message);
    else useStudio.getState().reportProblems([{ path: 'Cross-validation', message }]);
  };
}

export function CrossValidation({ makeConfig }: Props) {
  const [k, setK] = useState(5);
  const studies = useCrossval((s) => s.studies);
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const runs = useStudio((s) => s.runs);
  const driving = useCrossval((s) => s.driving);
  const busy = runs.some((r) => isActive(r)) || driving !== null;
  useEffect(() => void restoreStudies(), []);
  const n = foldCandidates(cases, files).length;
  const latest = studies.at(-1);
  const start = () => {
    const config = makeConfig();
    if (config) startCrossValidation(config, k).catch(reportTo(null));
  };
  return (
    <details className="settings-section crossval">
      <summary>
        <span className="section-title">Cross-validation</span>
        <span className="section-summary muted">
          {latest ? summaryOf(latest, runs) : `${k} folds`}
        </span>
      </summary>
      <div className="row">
        <label htmlFor="cv-k">Folds (K)</label>
        <input
          id="cv-k"
          type="number"
          min={2}
          max={Math.max(2, n)}
          step={1}
          value={k}
          disabled={busy}
          onChange={(e) => setK(Math.max(2, Math.round(Number(e.target.value) || 2)))}
        />
        <button disabled={busy || n < k} onClick={start}>
          Cross-validate
        </button>
      </div>
      <p className="muted crossval-help">
        {n} labelled train / validation cases, dealt into {k} folds by case (balanced by label
        volume). Each fold&apos;s model trains on the other folds with the settings above; every
        case is then scored by the model that never saw it. Test cases stay out.
      </p>
      {[...studies].reverse().map((s) => (
        <StudyView key={s.id} study={s} />
      ))}
    </details>
  );
}

function summaryOf(study: CrossValidationStudy, runs: readonly TrainingRun[]): string {
  const p = studyProgress(study, runs);
  const dice = study.results?.table.pooled.values.diceMean;
  if (p.next === null && dice != null) return `${study.name}: pooled Dice ${dice.toFixed(3)}`;
  if (p.training) return `${study.name}: fold ${(p.next ?? 0) + 1} / ${study.plan.k} training`;
  return `${study.name}: ${p.done} / ${study.plan.k} folds trained`;
}

function foldStatus(run: TrainingRun | undefined): string {
  if (!run) return 'not started';
  const best = run.epochs.reduce<number | null>(
    (m, e) => (e.valDice !== null && (m === null || e.valDice > m) ? e.valDice : m),
    null,
  );
  return `${run.status}${best !== null ? `, val Dice ${best.toFixed(3)}` : ''}`;
}

function StudyView({ study }: { study: CrossValidationStudy }) {
  const runs = useStudio((s) => s.runs);
  const evaluating = useCrossval((s) => s.evaluating);
  const message = useCrossval((s) => s.messages[study.id]);
  const driving = useCrossval((s) => s.driving);
  const busy = runs.some((r) => isActive(r)) || driving !== null;
  const p = studyProgress(study, runs);
  const mine = evaluating?.study === study.id ? evaluating : null;
  const report = reportTo(study.id);
  const resumeEpoch = p.nextRun?.checkpoint?.epoch;
  return (
    <section className="crossval-study" aria-label={`Cross-validation ${study.name}`}>
      <div className="row">
        <strong>{study.name}</strong>
        <span className="muted">
          {study.plan.k} folds, {study.plan.stratified ? 'balanced by label volume' : 'random'}
        </span>
      </div>
      <ol className="crossval-folds">
        {study.plan.folds.map((f) => (
          <li key={f.index}>
            Fold {f.index + 1} ({f.heldOut.length} held out):{' '}
            {foldStatus(runs.find((r) => r.id === study.runs[f.index]))}
          </li>
        ))}
      </ol>
      <div className="row">
        {p.next !== null && !p.training && driving !== study.id && (
          <button
            className="primary"
            disabled={busy}
            onClick={() => void continueCrossValidation(study.id).catch(report)}
          >
            Continue cross-validation
            {p.continueBy === 'resume' ? ` (fold ${p.next + 1} from epoch ${resumeEpoch})` : ''}
          </button>
        )}
        {p.next === null && study.outOfFold && (
          <button disabled={busy || !!evaluating} onClick={() => void evaluateStudy(study.id)}>
            Evaluate folds
          </button>
        )}
        {mine && <button onClick={cancelEvaluation}>Cancel evaluation</button>}
        <button
          aria-label={`Delete cross-validation ${study.name}`}
          disabled={p.training || !!mine || driving === study.id}
          onClick={() => void deleteStudy(study.id).catch(report)}
        >
          Delete
        </button>
      </div>
      {mine && (
        <div role="status" aria-label="Cross-validation evaluation">
          <progress max={mine.total} value={mine.done} />{' '}
          <span className="muted">
            scoring {mine.current} ({mine.done + 1} / {mine.total})
          </span>
        </div>
      )}
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
      {study.results && <FoldTable name={study.name} results={study.results} />}
    </section>
  );
}
