/**
 * Dataset state: the cases the user has loaded (or the built-in sample), how their files
 * are paired, which split each case belongs to, and the problems found per file.
 * Loading never removes what is already here: new files add cases or fill gaps.
 */
import type { StateCreator } from 'zustand';
import type { Volume } from '../io/volume';

export type Split = 'train' | 'val' | 'test';
export type FileRole = 'image' | 'label' | 'extra';

/** One file the user dropped, decoded or not. */
export interface LoadedFile {
  path: string;
  size: number;
  /** Decoded volumes (one per channel of a 4-D file); absent when decoding failed. */
  volumes?: Volume[];
  error?: string;
}

export interface StudyCase {
  name: string;
  /** Image channels in order, by file path. */
  channels: { path: string; channel: string }[];
  label?: string;
  extras: string[];
  split: Split;
  /** Label values present (sorted), once the label is decoded. */
  labelValues?: number[];
  /** A problem that keeps the case out of training (e.g. label grid mismatch). */
  problem?: string;
  /**
   * Axial slices of a partly annotated label that a person has checked: only they count
   * in training. Absent or null: the whole label counts.
   */
  reviewed?: number[] | null;
}

export interface FileProblem {
  path: string;
  message: string;
  /** Monotonic id so the UI can show each report once. */
  id: number;
}

export interface DatasetSlice {
  datasetName: string;
  files: Record<string, LoadedFile>;
  cases: StudyCase[];
  problems: FileProblem[];
  selectedCase: string | null;
  loading: { done: number; total: number; current: string } | null;
  setDataset: (name: string, files: Record<string, LoadedFile>, cases: StudyCase[]) => void;
  addFiles: (files: Record<string, LoadedFile>, cases: StudyCase[]) => void;
  reportProblems: (problems: { path: string; message: string }[]) => void;
  dismissProblem: (id: number) => void;
  setLoading: (loading: DatasetSlice['loading']) => void;
  selectCase: (name: string | null) => void;
  updateCases: (update: (cases: StudyCase[]) => StudyCase[]) => void;
}

let problemId = 0;

export const createDatasetSlice: StateCreator<DatasetSlice> = (set) => ({
  datasetName: '',
  files: {},
  cases: [],
  problems: [],
  selectedCase: null,
  loading: null,
  setDataset: (datasetName, files, cases) =>
    set({ datasetName, files, cases, selectedCase: cases[0]?.name ?? null }),
  addFiles: (files, cases) =>
    set((s) => {
      const merged = [...s.cases.filter((c) => !cases.some((n) => n.name === c.name)), ...cases];
      return {
        files: { ...s.files, ...files },
        cases: merged,
        selectedCase: s.selectedCase ?? merged[0]?.name ?? null,
      };
    }),
  reportProblems: (problems) =>
    set((s) => ({
      problems: [...s.problems, ...problems.map((p) => ({ ...p, id: ++problemId }))],
    })),
  dismissProblem: (id) => set((s) => ({ problems: s.problems.filter((p) => p.id !== id) })),
  setLoading: (loading) => set({ loading }),
  selectCase: (selectedCase) => set({ selectedCase }),
  updateCases: (update) =>
    set((s) => {
      const cases = update(s.cases);
      // A removed or renamed case cannot stay selected.
      const keep = cases.some((c) => c.name === s.selectedCase);
      return { cases, selectedCase: keep ? s.selectedCase : (cases[0]?.name ?? null) };
    }),
});
