/**
 * Training state: the runs (one per trained model) with their live curves, the run in
 * progress, the compute backend, and the predictions each model has made per case.
 */
import type { StateCreator } from 'zustand';
import type { Volume } from '../io/volume';
import type { TargetSpec } from '../ml/data/target';
import type { BackendChoice, BackendName, EpochMetrics } from '../ml/types';

export interface StepPoint {
  step: number;
  loss: number;
}

export type EpochPoint = EpochMetrics;

/**
 * queued: waiting for the engine (its backend check); pausing / resuming: asked, not yet
 * taken (a step in flight finishes first); interrupted: the page reloaded or the engine
 * stopped mid-run, resumable from its last checkpoint.
 */
export type RunStatus =
  | 'queued'
  | 'starting'
  | 'running'
  | 'pausing'
  | 'paused'
  | 'resuming'
  | 'finished'
  | 'stopped'
  | 'error'
  | 'interrupted';

/** Statuses of a run the engine is working on (or about to): one at a time. */
export const ACTIVE_STATUSES: readonly RunStatus[] = [
  'queued',
  'starting',
  'running',
  'pausing',
  'paused',
  'resuming',
];

/** Whether the run occupies the engine. */
export function isActive(run: Pick<TrainingRun, 'status'> | undefined): boolean {
  return run !== undefined && ACTIVE_STATUSES.includes(run.status);
}

export interface LiveProgress {
  step: number;
  totalSteps: number;
  epoch: number;
  slicesPerSecond: number;
  elapsedMs: number;
  etaMs: number;
  numTensors: number;
  numBytes: number;
}

export interface TrainingRun {
  /** Also the id of its model in the engine. */
  id: string;
  name: string;
  /** Registered architecture kind, or 'external' for an imported model of another kind. */
  architecture: string;
  /** The full training configuration, as sent to the engine. */
  config: unknown;
  params: { trainable: number; nonTrainable: number } | null;
  status: RunStatus;
  steps: StepPoint[];
  epochs: EpochPoint[];
  progress: LiveProgress | null;
  startedAt: number;
  message?: string;
  /** The engine holds a model for this run (trained, stopped with weights, or imported). */
  hasModel?: boolean;
  /** Bytes of the model's weights. */
  sizeBytes?: number;
  /** The run's last checkpoint, when it can be resumed. */
  checkpoint?: { epoch: number; step: number; totalSteps: number } | null;
  /** A prediction with this run's model under way: its engine id and how far it is. */
  predicting?: { id: string; case: string; done: number; total: number } | null;
  /** The run it fine-tunes, if any. */
  from?: string;
  /** The cases it trained and validated on, as the engine reported at its start. */
  trainCases?: string[];
  valCases?: string[];
  /** A fine-tune on corrected labels: each corrected case's Dice before and after. */
  corrections?: CorrectionScore[];
  /** The cases it trained and validated on, when they were named (a cross-validation fold). */
  cases?: { train: string[]; val: string[] };
  /** The cross-validation it belongs to: a fold (0-based), or its ensemble or out-of-fold view. */
  crossValidation?: { id: string; fold?: number; of: number };
  /**
   * An ensemble has no weights of its own: it predicts with the average of its members'
   * probabilities (run ids). Its parameters and size are the members' sums.
   */
  ensemble?: { members: string[] };
  /**
   * Out-of-fold predictions of a cross-validation: each case segmented by the fold's run
   * that held it out (case name to run id), so every case is seen by a model that never
   * trained on it.
   */
  outOfFold?: Record<string, string>;
}

/** A model's Dice on one corrected case (reviewed slices) before and after fine-tuning. */
export interface CorrectionScore {
  case: string;
  before: number | null;
  after: number | null;
}

/** Whether the run is a view over other runs' models (an ensemble, out-of-fold predictions). */
export function isComposite(run: Pick<TrainingRun, 'ensemble' | 'outOfFold'>): boolean {
  return run.ensemble !== undefined || run.outOfFold !== undefined;
}

export interface TrainingSlice {
  backendLabel: string;
  /** How the running backend was chosen; null until the engine is ready. */
  backendChoice: BackendChoice | null;
  setBackendChoice: (choice: BackendChoice | null) => void;
  /** The backend that runs and its adapter; null until the engine is ready. */
  backendRunning: { backend: BackendName; adapter: string } | null;
  setBackendRunning: (running: { backend: BackendName; adapter: string } | null) => void;
  /** Binary targets: predictions keep only their largest connected region (one organ). */
  largestRegion: boolean;
  setLargestRegion: (on: boolean) => void;
  /** Null: derived from the label values in the dataset. */
  target: TargetSpec | null;
  setTarget: (target: TargetSpec | null) => void;
  runs: TrainingRun[];
  activeRunId: string | null;
  /** Predictions per run id, then per case name, on the case's own grid. */
  predictions: Record<string, Record<string, Volume>>;
  setBackendLabel: (label: string) => void;
  addRun: (run: TrainingRun) => void;
  updateRun: (id: string, update: (run: TrainingRun) => Partial<TrainingRun>) => void;
  removeRun: (id: string) => void;
  setActiveRun: (id: string | null) => void;
  setPrediction: (runId: string, caseName: string, volume: Volume) => void;
}

export const createTrainingSlice: StateCreator<TrainingSlice> = (set) => ({
  backendLabel: 'backend: starting…',
  backendChoice: null,
  setBackendChoice: (backendChoice) => set({ backendChoice }),
  backendRunning: null,
  setBackendRunning: (backendRunning) => set({ backendRunning }),
  largestRegion: true,
  setLargestRegion: (largestRegion) => set({ largestRegion }),
  target: null,
  setTarget: (target) => set({ target }),
  runs: [],
  activeRunId: null,
  predictions: {},
  setBackendLabel: (backendLabel) => set({ backendLabel }),
  addRun: (run) => set((s) => ({ runs: [...s.runs, run], activeRunId: run.id })),
  updateRun: (id, update) =>
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...update(r) } : r)) })),
  removeRun: (id) =>
    set((s) => {
      const predictions = { ...s.predictions };
      delete predictions[id];
      const runs = s.runs.filter((r) => r.id !== id);
      return {
        runs,
        predictions,
        activeRunId: s.activeRunId === id ? (runs.at(-1)?.id ?? null) : s.activeRunId,
      };
    }),
  setActiveRun: (activeRunId) => set({ activeRunId }),
  setPrediction: (runId, caseName, volume) =>
    set((s) => ({
      predictions: {
        ...s.predictions,
        [runId]: { ...s.predictions[runId], [caseName]: volume },
      },
    })),
});
