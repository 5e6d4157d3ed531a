/**
 * Dataset state: the cases the user has loaded (or the built-in sample), how their files
 * are paired, which split each case belongs to, the names of its label values, and the
 * problems found per file. Loading never removes what is already here: new files add
 * cases or fill gaps; removing a case lets go of the files no other case uses.
 */
import type { StateCreator } from 'zustand';
import { withoutCase } from './case-files';
import {
  EMPTY_LABEL_TABLE,
  type FileProblem,
  type LabelTable,
  type LoadedFile,
  type ProblemReport,
  type StudyCase,
} from './dataset-types';

export interface DatasetSlice {
  datasetName: string;
  files: Record<string, LoadedFile>;
  cases: StudyCase[];
  problems: FileProblem[];
  selectedCase: string | null;
  loading: { done: number; total: number; current: string } | null;
  labelTable: LabelTable;
  setDataset: (
    name: string,
    files: Record<string, LoadedFile>,
    cases: StudyCase[],
    labelTable?: LabelTable,
  ) => void;
  addFiles: (files: Record<string, LoadedFile>, cases: StudyCase[]) => void;
  reportProblems: (problems: ProblemReport[]) => void;
  dismissProblem: (id: number) => void;
  dismissAllProblems: () => void;
  setLoading: (loading: DatasetSlice['loading']) => void;
  selectCase: (name: string | null) => void;
  updateCases: (update: (cases: StudyCase[]) => StudyCase[]) => void;
  /** Removes a case and the files that no other case uses. */
  removeCase: (name: string) => void;
  setLabelTable: (table: LabelTable) => void;
}

let problemId = 0;

export const createDatasetSlice: StateCreator<DatasetSlice> = (set) => ({
  datasetName: '',
  files: {},
  cases: [],
  problems: [],
  selectedCase: null,
  loading: null,
  labelTable: EMPTY_LABEL_TABLE,
  setDataset: (datasetName, files, cases, labelTable = EMPTY_LABEL_TABLE) =>
    set({ datasetName, files, cases, labelTable, selectedCase: cases[0]?.name ?? null }),
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
  dismissAllProblems: () => set({ problems: [] }),
  setLoading: (loading) => set({ loading }),
  selectCase: (selectedCase) => set({ selectedCase }),
  updateCases: (update) =>
    set((s) => {
      const cases = update(s.cases);
      // A removed or renamed case cannot stay selected.
      const keep = cases.some((c) => c.name === s.selectedCase);
      return { cases, selectedCase: keep ? s.selectedCase : (cases[0]?.name ?? null) };
    }),
  removeCase: (name) =>
    set((s) => {
      const { cases, files } = withoutCase(s.cases, s.files, name);
      const keep = cases.some((c) => c.name === s.selectedCase);
      return { cases, files, selectedCase: keep ? s.selectedCase : (cases[0]?.name ?? null) };
    }),
  setLabelTable: (labelTable) => set({ labelTable }),
});
