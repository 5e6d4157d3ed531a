/** The left panel: where data comes in, what was loaded, and what went wrong. */
import { useStudio } from '../../store';
import { DropZone } from './DropZone';
import { DatasetTable } from './DatasetTable';
import { ProblemList } from './ProblemList';
import { CaseEditor } from './CaseEditor';
import { loadPickedFiles } from './load-files';
import { loadSampleDataset } from './load-sample';

export function DatasetPanel() {
  const loading = useStudio((s) => s.loading);
  const name = useStudio((s) => s.datasetName);
  const count = useStudio((s) => s.cases.length);
  return (
    <>
      <h2>Data</h2>
      <DropZone
        busy={loading !== null}
        onFiles={(files) => void loadPickedFiles(files)}
        onSample={() => {
          const s = useStudio.getState();
          const mine = s.datasetName !== 'sample' && s.cases.length > 0;
          if (!mine || window.confirm('Replace the loaded data with the built-in sample?'))
            loadSampleDataset();
        }}
      />
      {loading && (
        <div role="status" aria-label="Loading files">
          <progress max={loading.total} value={loading.done} />
          <div className="muted">
            Reading {loading.current} ({loading.done + 1} / {loading.total})
          </div>
        </div>
      )}
      <ProblemList />
      <h2>
        Dataset{name ? `: ${name}` : ''} <span className="muted">({count} cases)</span>
      </h2>
      <DatasetTable />
      <CaseEditor />
    </>
  );
}
