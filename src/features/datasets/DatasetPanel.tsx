/** The left panel: where data comes in, what was loaded, and what went wrong. */
import { useStudio } from '../../store';
import { DropZone } from './DropZone';
import { DatasetTable } from './DatasetTable';
import { ProblemList } from './ProblemList';
import { CaseEditor } from './CaseEditor';
import { LabelNames } from './LabelNames';
import { ConfirmDialog } from './ConfirmDialog';
import { askConfirm } from './confirm';
import { loadPickedFiles } from './load-files';
import { loadSampleDataset } from './load-sample';
import { NnunetExport } from '../interchange/NnunetExport';
import './datasets.css';

async function loadSample(): Promise<void> {
  const s = useStudio.getState();
  const mine = s.datasetName !== 'sample' && s.cases.length > 0;
  const ok =
    !mine ||
    (await askConfirm({
      title: 'Replace your data with the sample?',
      message: 'The loaded cases are replaced by the built-in sample.',
      confirm: 'Load the sample',
      cancel: 'Keep my data',
    }));
  if (ok) loadSampleDataset();
}

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
        onSample={() => void loadSample()}
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
      <NnunetExport />
      <LabelNames />
      <CaseEditor />
      <ConfirmDialog />
    </>
  );
}
