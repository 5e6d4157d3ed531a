/** The trained models: pick the one the viewer shows, predict, export, rename or delete. */
import { useStudio } from '../../store';
import { predictCase } from './session';
import { downloadPrediction } from './export-prediction';

export function RunList() {
  const runs = useStudio((s) => s.runs);
  const active = useStudio((s) => s.activeRunId);
  const setActive = useStudio((s) => s.setActiveRun);
  const removeRun = useStudio((s) => s.removeRun);
  const selected = useStudio((s) => s.selectedCase);
  const predictions = useStudio((s) => s.predictions);
  if (runs.length === 0) return null;
  return (
    <section aria-label="Models">
      <h2>Models</h2>
      <table className="cases">
        <tbody>
          {runs.map((r) => {
            const best = r.epochs.reduce<number | null>((m, e) => (e.valDice !== null && (m === null || e.valDice > m) ? e.valDice : m), null);
            const done = r.status === 'finished' || r.status === 'stopped';
            const pred = selected ? predictions[r.id]?.[selected] : undefined;
            return (
              <tr key={r.id} className={r.id === active ? 'selected' : undefined} onClick={() => setActive(r.id)}>
                <td>
                  <button aria-label={`Select model ${r.name}`} onClick={() => setActive(r.id)}>
                    {r.name}
                  </button>
                  <div className="muted">
                    {r.status}
                    {best !== null ? ` · best val Dice ${best.toFixed(3)}` : ''}
                  </div>
                </td>
                <td onClick={(e) => e.stopPropagation()}>
                  <button
                    disabled={!done || !selected}
                    onClick={() => {
                      setActive(r.id);
                      if (selected) void predictCase(r.id, selected).catch((err: unknown) => report(err));
                    }}
                  >
                    Predict {selected ?? ''}
                  </button>
                  <button disabled={!pred} onClick={() => pred && selected && downloadPrediction(pred, `${selected}_${r.name}`)}>
                    Export .nii.gz
                  </button>
                  <button aria-label={`Delete model ${r.name}`} disabled={!done && r.status !== 'error'} onClick={() => removeRun(r.id)}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function report(err: unknown): void {
  useStudio.getState().reportProblems([{ path: 'prediction', message: err instanceof Error ? err.message : String(err) }]);
}
