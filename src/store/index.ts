/**
 * The one application store: Zustand slices combined. Components read it through
 * selectors so that a progress tick does not re-render the dataset table.
 */
import { create } from 'zustand';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createViewerSlice, type ViewerSlice } from './viewer-slice';
import { createTrainingSlice, type TrainingSlice } from './training-slice';
import { createAnnotateSlice, type AnnotateSlice } from './annotate-slice';

export type StudioState = DatasetSlice & ViewerSlice & TrainingSlice & AnnotateSlice;

export const useStudio = create<StudioState>()((...a) => ({
  ...createDatasetSlice(...a),
  ...createViewerSlice(...a),
  ...createTrainingSlice(...a),
  ...createAnnotateSlice(...a),
}));

export type { DatasetSlice } from './dataset-slice';
export type {
  StudyCase,
  LoadedFile,
  FileProblem,
  ProblemReport,
  Split,
  LabelEntry,
  LabelTable,
} from './dataset-types';
export { EMPTY_LABEL_TABLE } from './dataset-types';
export type { ViewerSlice, Layout, OverlayStyle } from './viewer-slice';
export type {
  TrainingSlice,
  TrainingRun,
  EpochPoint,
  StepPoint,
  RunStatus,
  CorrectionScore,
} from './training-slice';
export { ACTIVE_STATUSES, isActive, isComposite } from './training-slice';
export type { AnnotateSlice, DrawTool, SaveState, Suggestion, Suggestions } from './annotate-slice';
