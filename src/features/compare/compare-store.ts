/**
 * The compare view's own state: the chosen models, case and scope, the view mode, the
 * shared slice, the run in progress and the last result. Kept apart from the studio
 * store because nothing else reads it, and outside the component so that a result
 * survives switching back to training and returning.
 */
import { create } from 'zustand';
import type { CaseScope } from './plan';
import type { ComparisonResult } from './types';

export type CompareViewMode = 'overlay' | 'side-by-side';

export interface CompareProgress {
  done: number;
  total: number;
  current: string;
}

export interface CompareState {
  /** The compared runs' ids, in order (A, B, C, ...); empty until chosen. */
  models: string[];
  caseName: string | null;
  scope: CaseScope;
  view: CompareViewMode;
  /** Also score each model mirror-averaged (test-time augmentation), as its twin column. */
  tta: boolean;
  /** Axial slice shown by every compare viewer (0-based). */
  sliceIndex: number | null;
  progress: CompareProgress | null;
  result: ComparisonResult | null;
  error: string | null;
  set: (patch: Partial<Omit<CompareState, 'set'>>) => void;
}

export const useCompare = create<CompareState>()((set) => ({
  models: [],
  caseName: null,
  scope: 'case',
  view: 'overlay',
  tta: false,
  sliceIndex: null,
  progress: null,
  result: null,
  error: null,
  set: (patch) => set(patch),
}));
