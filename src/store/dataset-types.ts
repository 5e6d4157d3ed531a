/**
 * The dataset's data types: cases, their files, splits, label names and per-file problems.
 * Apart from the slice that holds them, so that pure helpers over cases (case-files.ts)
 * and the slice can both use them without importing each other.
 */
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
  /**
   * Set once the user has edited the label: the label file it started from, or null when
   * the case had none. The edited label itself is then `label`.
   */
  editedFrom?: string | null;
}

export interface FileProblem {
  path: string;
  message: string;
  /** A warning: the file loaded, but something in it was repaired or is doubtful. */
  warning?: boolean;
  /** Monotonic id so the UI can show each report once. */
  id: number;
}

/** What a problem report carries before the store numbers it. */
export type ProblemReport = Omit<FileProblem, 'id'>;

/** One label value of the dataset: the structure's name and its colour in every view. */
export interface LabelEntry {
  value: number;
  name: string;
  color: readonly [number, number, number];
}

/** The dataset's label names, saved with its case table. */
export interface LabelTable {
  /** Non-zero label values in ascending order. */
  entries: LabelEntry[];
  /** Where the names came from ("BraTS convention", "names from dataset.json", ...). */
  source: string;
}

export const EMPTY_LABEL_TABLE: LabelTable = { entries: [], source: '' };
