/**
 * The dataset table: one row per case with its channels, label, grid and label values.
 * Clicking a row shows the case in the viewer; the split and removal are edited inline.
 */
import { useStudio, type Split } from '../../store';
import { summarizeCase } from './case-summary';

const SPLITS: Split[] = ['train', 'val', 'test'];

export function DatasetTable() {
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const selected = useStudio((s) => s.selectedCase);
  const selectCase = useStudio((s) => s.selectCase);
  const updateCases = useStudio((s) => s.updateCases);

  if (cases.length === 0) return <p className="muted">No cases loaded.</p>;
  return (
    <table className="cases" aria-label="Dataset">
      <thead>
        <tr>
          <th>Case</th>
          <th>Label</th>
          <th>Grid (mm)</th>
          <th>Type / values</th>
          <th>Split</th>
          <th>
            <span className="muted">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => {
          const s = summarizeCase(c, files);
          return (
            <tr
              key={c.name}
              className={c.name === selected ? 'selected' : undefined}
              aria-selected={c.name === selected}
              onClick={() => selectCase(c.name)}
            >
              <td title={c.problem}>
                <button
                  className="link"
                  aria-label={`Show case ${c.name}`}
                  onClick={() => selectCase(c.name)}
                >
                  {c.name}
                </button>
                <div className="muted">{c.channels.map((ch) => ch.channel).join(', ')}</div>
                {c.problem && <div className="bad">⚠ {c.problem}</div>}
              </td>
              <td className="path">
                {c.label ? baseName(c.label) : <span className="muted">none</span>}
              </td>
              <td>
                {s.dims}
                <div className="muted">{s.spacing}</div>
              </td>
              <td>
                {s.dataType}
                <div className="muted">{s.labelValues}</div>
              </td>
              <td onClick={(e) => e.stopPropagation()}>
                <select
                  aria-label={`Split of ${c.name}`}
                  value={c.split}
                  onChange={(e) =>
                    updateCases((all) =>
                      all.map((x) =>
                        x.name === c.name ? { ...x, split: e.target.value as Split } : x,
                      ),
                    )
                  }
                >
                  {SPLITS.map((sp) => (
                    <option key={sp}>{sp}</option>
                  ))}
                </select>
              </td>
              <td onClick={(e) => e.stopPropagation()}>
                <button
                  aria-label={`Remove case ${c.name}`}
                  onClick={() => updateCases((all) => all.filter((x) => x.name !== c.name))}
                >
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
