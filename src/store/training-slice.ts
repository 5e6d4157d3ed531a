/**
 * Training state: the runs (one per trained model) with their live curves, the run in
 * progress, the compute backend, and the predictions each model has made per case.
 */
import type { StateCreator } from 'zustand';
import type { Volume } from '../io/volume';
import type { TargetSpec } from '../ml/data/target';
import type { BackendChoice } from '../shared/protocol';

export interface StepPoint {
  step: number;
  loss: number;
}

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  trainDice: number;
  valLoss: number | null;
  valDice: number | null;
  /** Dice of each validation case; valDice is their mean. */
  valCaseDice?: { name: string; dice: number }[];
  lr: number;
}

export type RunStatus = 'starting' | 'running' | 'paused' | 'finished' | 'stopped' | 'error';

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
  id: string;
  name: string;
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
}

export interface TrainingSlice {
  backendLabel: string;
  /** How the running backend was chosen; null until the engine is ready. */
  backendChoice: BackendChoice | null;
  setBackendChoice: (choice: BackendChoice | null) => void;
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
