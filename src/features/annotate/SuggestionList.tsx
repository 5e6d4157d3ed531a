/**
 * Next scan to annotate: ranks the scans not yet fully labelled by the chosen model's
 * uncertainty and lists them, most uncertain first, with their score; choosing one shows
 * it with its uncertainty map over the image (why it was suggested).
 */
import { useMemo, useState } from 'react';
import { useStudio } from '../../store';
import { candidateCases, rankCases } from './suggest';

export function SuggestionList() {
  const model = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId && r.hasModel));
  const suggestions = useStudio((s) => s.suggestions);
  const selected = useStudio((s) => s.selectedCase);
  const show = useStudio((s) => s.showUncertainty);
  const cases = useStudio((s) => s.cases);
  const [busy, setBusy] = useState(false);
  // Recounted whenever the cases change (labels edited, slices reviewed).
  const candidates = useMemo(() => (cases.length >= 0 ? candidateCases().length : 0), [cases]);
  const rank = () => {
    if (!model) return;
    setBusy(true);
    rankCases(model.id)
      .catch((err: unknown) =>
        useStudio.getState().reportProblems([
          {
            path: 'suggestions',
            message: `Ranking: ${err instanceof Error ? err.message : String(err)}`,
          },
        ]),
      )
      .finally(() => setBusy(false));
  };
  const byModel = useStudio((s) => s.runs.find((r) => r.id === suggestions?.model)?.name);
  return (
    <section aria-label="Next scan to annotate">
      <h2>Next scan to annotate</h2>
      <div className="row">
        <button
          disabled={!model || busy || candidates === 0}
          onClick={rank}
          title="Predict each scan not yet fully labelled with its mirror images and rank by uncertainty"
        >
          {busy ? 'Ranking…' : `Rank ${candidates} unlabelled scan(s)`}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={show}
            onChange={(e) => useStudio.getState().toggleUncertainty(e.target.checked)}
          />
          Show uncertainty map
        </label>
      </div>
      {suggestions && (
        <>
          <p className="muted">
            By {byModel ?? 'a removed model'}: share of each prediction that is uncertain (voxel
            entropy of the mirrored predictions averaged)
            {suggestions.pending > 0 ? `; ${suggestions.pending} to go` : ''}.
          </p>
          <ol className="suggestions" aria-label="Suggested scans">
            {suggestions.ranked.map((r) => (
              <li key={r.case} className={r.case === selected ? 'selected' : undefined}>
                <button
                  className="link"
                  aria-label={`Annotate ${r.case}`}
                  onClick={() => {
                    useStudio.getState().selectCase(r.case);
                    useStudio.getState().toggleUncertainty(true);
                  }}
                >
                  {r.case}
                </button>{' '}
                <span className="muted">
                  uncertainty {(r.score * 100).toFixed(1)} % ({Math.round(r.entropyBits)} bits over{' '}
                  {r.foreground} predicted voxels)
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
