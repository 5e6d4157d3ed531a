/**
 * Hand corrections of the automatic pairing for the selected case: mark each file as
 * image channel, label or extra, move it to another case, or rename the case. A label
 * the user edited here belongs to its case and is not re-paired.
 */
import { useStudio, type StudyCase, type LoadedFile } from '../../store';
import { validateCase } from './load-files';
import { moveFile, type FileRole } from './case-edits';

export function CaseEditor() {
  const selected = useStudio((s) => s.selectedCase);
  const cases = useStudio((s) => s.cases);
  const files = useStudio((s) => s.files);
  const updateCases = useStudio((s) => s.updateCases);
  const c = cases.find((x) => x.name === selected);
  if (!c) return null;

  const apply = (path: string, role: FileRole, target: string) =>
    updateCases((all) => revalidate(moveFile(all, path, role, target), files));

  const entries: { path: string; role: FileRole }[] = [
    ...c.channels.map((ch) => ({ path: ch.path, role: 'image' as const })),
    ...(c.label ? [{ path: c.label, role: 'label' as const }] : []),
    ...c.extras.map((p) => ({ path: p, role: 'extra' as const })),
  ];
  return (
    <section aria-label={`Files of case ${c.name}`}>
      <h2>Files of {c.name}</h2>
      <table className="cases case-files">
        <tbody>
          {entries.map((e) => (
            <tr key={e.path}>
              <td className="file-cell" title={e.path}>
                <span className="clip">{e.path.slice(e.path.lastIndexOf('/') + 1)}</span>
              </td>
              {e.role === 'label' && c.editedFrom !== undefined ? (
                <td colSpan={2} className="muted">
                  label edited here
                  {c.editedFrom
                    ? ` from ${c.editedFrom.slice(c.editedFrom.lastIndexOf('/') + 1)}`
                    : ''}
                </td>
              ) : (
                <>
                  <td>
                    <select
                      aria-label={`Role of ${e.path}`}
                      value={e.role}
                      onChange={(ev) => apply(e.path, ev.target.value as FileRole, c.name)}
                    >
                      <option value="image">image</option>
                      <option value="label">label</option>
                      <option value="extra">extra</option>
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`Case of ${e.path}`}
                      value={c.name}
                      onChange={(ev) => apply(e.path, e.role, ev.target.value)}
                    >
                      {cases.map((x) => (
                        <option key={x.name}>{x.name}</option>
                      ))}
                    </select>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function revalidate(cases: StudyCase[], files: Record<string, LoadedFile>): StudyCase[] {
  return cases.map((c) =>
    validateCase({ ...c, problem: undefined, labelValues: undefined }, files),
  );
}
