/**
 * The studio's layout: datasets on the left, the viewer in the centre, training on the
 * right (or, in the Annotate workspace, the drawing tools over the viewer and the
 * annotation panel on the right). Composition only: each panel lives in its feature folder.
 */
import { useEffect, useState } from 'react';
import { DatasetPanel } from '../features/datasets/DatasetPanel';
import { CaseViewer } from '../features/viewer/CaseViewer';
import { TrainingPanel } from '../features/training/TrainingPanel';
import { ComparePanel } from '../features/compare/ComparePanel';
import { HelpButton } from './HelpButton';
import { useStudio } from '../store';
import { loadSampleDataset } from '../features/datasets/load-sample';
import { restoreDataset, startDatasetAutosave } from '../features/datasets/persistence';
import { exposeTestHook } from './test-hook';
import { filesFromDrop } from '../features/datasets/collect-files';
import { loadPickedFiles } from '../features/datasets/load-files';
import { engine } from '../features/training/engine-session';
import { wireRunEvents } from '../features/training/run-actions';
import { restoreRuns } from '../features/training/run-persistence';
import { AnnotatePanel } from '../features/annotate/AnnotatePanel';
import { DrawingToolbar } from '../features/annotate/DrawingToolbar';
import { saveEdit, startEditCleanup } from '../features/annotate/edit-persistence';
import { setEditDeps } from '../features/annotate/label-edits';
import { setAnnotating } from '../features/annotate/start-annotating';
import { useAnnotateShortcuts } from '../features/annotate/use-annotate-shortcuts';

type Workspace = 'train' | 'annotate' | 'compare';
const WORKSPACES: { id: Workspace; label: string }[] = [
  { id: 'train', label: 'Train' },
  { id: 'annotate', label: 'Annotate' },
  { id: 'compare', label: 'Compare' },
];

export function App() {
  const backend = useStudio((s) => s.backendLabel);
  // Compare replaces the viewer and training columns; they stay mounted (hidden) so that
  // the training settings and the viewer survive a look at the comparison. Annotate
  // shares the viewer and covers the training column with its own panel.
  const [workspace, setWorkspace] = useState<Workspace>('train');
  const hideView = workspace === 'compare' ? { display: 'none' } : undefined;
  const hideTrain = workspace !== 'train' ? { display: 'none' } : undefined;
  useEffect(() => setAnnotating(workspace === 'annotate'), [workspace]);
  useAnnotateShortcuts(workspace === 'annotate');
  useEffect(() => {
    exposeTestHook();
    // The last visit's data comes back; otherwise the built-in sample is the default so
    // a newcomer can train at once.
    void restoreDataset().then((restored) => {
      if (!restored && useStudio.getState().cases.length === 0) loadSampleDataset();
    });
    const stopAutosave = startDatasetAutosave();
    // Label edits are written to browser storage as they are made.
    setEditDeps({ save: saveEdit });
    const stopEditCleanup = startEditCleanup();
    wireRunEvents();
    void restoreRuns();
    // Start the compute engine early so the backend is known before the first Train.
    engine().catch((err: unknown) =>
      useStudio
        .getState()
        .setBackendLabel(`backend failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    return () => {
      stopAutosave();
      stopEditCleanup();
    };
  }, []);
  return (
    <div
      className="studio"
      // Files dropped anywhere on the page load like files dropped on the drop zone.
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void filesFromDrop(e.dataTransfer).then(loadPickedFiles);
      }}
    >
      <header>
        <h1>SegStudio</h1>
        <span className="muted">prostate MRI segmentation, trained in your browser</span>
        <div role="tablist" aria-label="Workspace">
          {WORKSPACES.map((w) => (
            <button
              key={w.id}
              role="tab"
              aria-selected={workspace === w.id}
              className={workspace === w.id ? 'primary' : undefined}
              onClick={() => setWorkspace(w.id)}
            >
              {w.label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <span className="badge" aria-label="Compute backend">
          {backend}
        </span>
        <HelpButton />
      </header>
      <aside className="panel data-panel" aria-label="Datasets">
        <DatasetPanel />
      </aside>
      <main className="view-panel" aria-label="Viewer" style={hideView}>
        {workspace === 'annotate' && <DrawingToolbar />}
        <CaseViewer />
      </main>
      <aside className="panel train-panel" aria-label="Training" style={hideTrain}>
        <TrainingPanel />
      </aside>
      {workspace === 'annotate' && (
        <aside className="panel train-panel" aria-label="Annotate">
          <AnnotatePanel />
        </aside>
      )}
      {workspace === 'compare' && (
        <main className="compare-panel" aria-label="Compare">
          <ComparePanel />
        </main>
      )}
    </div>
  );
}
