/**
 * The dataset's label names, editable: each value's colour swatch and name as every view
 * shows it. Names are saved with the dataset; a blank name goes back to "label N".
 */
import { useState } from 'react';
import { useStudio, type LabelEntry } from '../../store';
import { cssColor } from '../viewer/colors';
import { renameLabel } from './label-names';

/** Commits each non-blank name as it is typed; a blank one on leaving the field. */
function NameField({ entry }: { entry: LabelEntry }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (name: string) => {
    const s = useStudio.getState();
    s.setLabelTable(renameLabel(s.labelTable, entry.value, name));
  };
  return (
    <input
      type="text"
      aria-label={`Name of label ${entry.value}`}
      value={draft ?? entry.name}
      onChange={(e) => {
        setDraft(e.target.value);
        if (e.target.value.trim()) commit(e.target.value);
      }}
      onBlur={() => {
        if (draft !== null && !draft.trim()) commit('');
        setDraft(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}

export function LabelNames() {
  const table = useStudio((s) => s.labelTable);
  if (table.entries.length === 0) return null;
  return (
    <section className="label-names" aria-label="Label names">
      <h2>
        Label names <span className="muted">({table.source})</span>
      </h2>
      <table className="cases">
        <tbody>
          {table.entries.map((e) => (
            <tr key={e.value}>
              <td className="label-value">
                <span
                  className="swatch"
                  style={{ background: cssColor(e.color) }}
                  aria-hidden="true"
                />
                {e.value}
              </td>
              <td>
                <NameField entry={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
