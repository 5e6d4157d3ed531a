/**
 * The dataset table: one row per case with its channels, label, grid and label values.
 * Clicking a row shows the case in the viewer; the split and removal are edited inline.
 * A label the user edited is marked, with how many of its slices are reviewed.
 * Columns have fixed shares of the panel and long text ends in an ellipsis (the full
 * text is in the cell's tooltip), so the table fits its panel at any width.
 */
import { Fragment } from 'react';
import { useStudio, type Split, type StudyCase } from '../../store';
import { summarizeCase } from './case-summary';

const SPLITS: Split[] = ['train', 'val', 'test'];

export function DatasetTable() {
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const selected = useStudio((s) => s.selectedCase);
  const selectCase = useStudio((s) => s.selectCase);
  const updateCases = useStudio((s) => s.updateCases);
  const removeCase = useStudio((s) => s.removeCase);

  if (cases.length === 0) return <p className="muted">No cases loaded.</p>;
  return (
    <table className="cases dataset" aria-label="Dataset">
      <colgroup>
        <col className="col-case" />
        <col className="col-label" />
        <col className="col-grid" />
        <col className="col-split" />
        <col className="col-remove" />
      </colgroup>
      <thead>
        <tr>
          <th>Case</th>
          <th title="Label file and the values it holds">Label</th>
          <th title="Voxels, spacing (mm) and data type of the image / label">Grid</th>
          <th>Split</th>
          <th title="Remove the case and its files">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => {
          const s = summarizeCase(c, files);
          const channels = c.channels.map((ch) => ch.channel).join(', ');
          const grid = `${s.dims} voxels, ${s.spacing} mm, ${s.dataType}`;
          return (
            <Fragment key={c.name}>
              <tr
                className={c.name === selected ? 'selected' : undefined}
                aria-selected={c.name === selected}
                onClick={() => selectCase(c.name)}
              >
                <td title={[c.name, channels, c.problem].filter(Boolean).join('\n')}>
                  <button
                    className="link clip"
                    aria-label={`Show case ${c.name}`}
                    onClick={() => selectCase(c.name)}
                  >
                    {c.name}
                  </button>
                  <div className="muted clip">{channels}</div>
                  {c.problem && <div className="bad clip">⚠ not usable</div>}
                </td>
                <td title={labelTitle(c, s.labelValues)}>
                  <div className="clip">
                    {c.label ? (
                      c.editedFrom !== undefined ? (
                        <>
                          {c.editedFrom ? baseName(c.editedFrom) : 'drawn'}
                          <span className="edited-badge" aria-label={`${c.name} label edited`}>
                            edited
                          </span>
                        </>
                      ) : (
                        baseName(c.label)
                      )
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </div>
                  <div className="muted clip">
                    {c.label ? s.labelValues : ''}
                    {c.label && Array.isArray(c.reviewed) ? ` · ${c.reviewed.length} reviewed` : ''}
                  </div>
                </td>
                <td title={grid}>
                  <div className="clip">{s.dims}</div>
                  <div className="muted clip">
                    {s.spacing} · {s.dataType}
                  </div>
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
                    className="icon"
                    aria-label={`Remove case ${c.name}`}
                    title={`Remove ${c.name} and its files`}
                    onClick={() => removeCase(c.name)}
                  >
                    ✕
                  </button>
                </td>
              </tr>
              {c.problem && (
                // The whole message, across the row: the case column is too narrow for it.
                <tr className="case-problem" aria-label={`Problem of ${c.name}`}>
                  <td colSpan={5} className="bad">
                    ⚠ {c.problem}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function labelTitle(c: StudyCase, values: string): string {
  if (!c.label) return 'no label';
  const edited =
    c.editedFrom !== undefined
      ? `edited in this browser${c.editedFrom ? ` from ${c.editedFrom}` : ''}\n`
      : `${c.label}\n`;
  const reviewed = Array.isArray(c.reviewed)
    ? `\nreviewed slices: ${c.reviewed.map((z) => z + 1).join(', ') || 'none'}`
    : '';
  return `${edited}values: ${values}${reviewed}`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
