/**
 * Annotation state: whether the Annotate workspace is open, the drawing tool and its
 * settings, whether edits are saved, the slice under the crosshair, and the scans ranked
 * by a model's uncertainty. The model drafts and fine-tunes come from is the active run.
 */
import type { StateCreator } from 'zustand';
import type { DrawTool } from '../features/viewer/types';

export type { DrawTool };

/** Whether every edit has reached browser storage. */
export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; error: string };

/** One scan ranked by how unsure a model is of it. */
export interface Suggestion {
  case: string;
  score: number;
  entropyBits: number;
  foreground: number;
}

export interface Suggestions {
  model: string;
  ranked: Suggestion[];
  /** Cases still to score while ranking; 0 when done. */
  pending: number;
}

export interface AnnotateSlice {
  annotating: boolean;
  setAnnotating: (on: boolean) => void;
  tool: DrawTool;
  setTool: (tool: DrawTool) => void;
  /** Label value the pen and fill draw. */
  penValue: number;
  setPenValue: (value: number) => void;
  /** Pen width in voxels. */
  penSize: number;
  setPenSize: (size: number) => void;
  /** An outline drawn with the pen is filled when the stroke ends. */
  filledPen: boolean;
  setFilledPen: (on: boolean) => void;
  /** Drawing on a slice marks it reviewed. */
  drawMarksReviewed: boolean;
  setDrawMarksReviewed: (on: boolean) => void;
  saveState: SaveState;
  setSaveState: (state: SaveState) => void;
  suggestions: Suggestions | null;
  setSuggestions: (s: Suggestions | null) => void;
  /** Show the suggestion model's uncertainty map over the scan. */
  showUncertainty: boolean;
  toggleUncertainty: (show?: boolean) => void;
  /** The slice (of the image's own grid) under the crosshair while a label is edited. */
  cursorSlice: number | null;
  setCursorSlice: (k: number | null) => void;
  /** Bumped when a case's undo history changes, so buttons re-read it. */
  historyVersion: number;
  bumpHistory: () => void;
}

export const createAnnotateSlice: StateCreator<AnnotateSlice> = (set) => ({
  annotating: false,
  setAnnotating: (annotating) => set({ annotating }),
  tool: 'pen',
  setTool: (tool) => set({ tool }),
  penValue: 1,
  setPenValue: (penValue) => set({ penValue }),
  penSize: 1,
  setPenSize: (penSize) => set({ penSize: Math.max(1, Math.min(30, Math.round(penSize))) }),
  filledPen: false,
  setFilledPen: (filledPen) => set({ filledPen }),
  drawMarksReviewed: true,
  setDrawMarksReviewed: (drawMarksReviewed) => set({ drawMarksReviewed }),
  saveState: { kind: 'saved' },
  setSaveState: (saveState) => set({ saveState }),
  suggestions: null,
  setSuggestions: (suggestions) => set({ suggestions }),
  showUncertainty: true,
  toggleUncertainty: (show) => set((s) => ({ showUncertainty: show ?? !s.showUncertainty })),
  cursorSlice: null,
  setCursorSlice: (cursorSlice) => set({ cursorSlice }),
  historyVersion: 0,
  bumpHistory: () => set((s) => ({ historyVersion: s.historyVersion + 1 })),
});
