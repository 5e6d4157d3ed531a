/**
 * Edited labels as they come back from storage, put into a dataset: each case with an
 * edit points at its edited label (kept as a file of the dataset under `edited/`) and
 * gets its reviewed slices back; a case whose edited label is missing falls back to the
 * label it started from. Pure, so a reload's outcome is tested without a browser.
 */
import { labelValues } from '../../io';
import type { Volume } from '../../io/volume';
import type { LoadedFile, StudyCase } from '../../store';

/** Where an edited label lives among the dataset's files. */
export function editedLabelPath(caseName: string): string {
  return `edited/${caseName}_label.nii.gz`;
}

export function isEditedPath(path: string | undefined): boolean {
  return path?.startsWith('edited/') === true;
}

/** A stored edit, its label decoded. */
export interface DecodedEdit {
  case: string;
  label?: Volume;
  editedFrom: string | null;
  reviewed: number[] | null;
}

function sameGrid(a: Volume, b: Volume | undefined): boolean {
  return b !== undefined && a.dims.join() === b.dims.join();
}

/** The dataset with the edits applied (inputs are not changed). */
export function applyEdits(
  cases: readonly StudyCase[],
  files: Record<string, LoadedFile>,
  edits: readonly DecodedEdit[],
): { cases: StudyCase[]; files: Record<string, LoadedFile> } {
  const byCase = new Map(edits.map((e) => [e.case, e]));
  const out = { ...files };
  const next = cases.map((c): StudyCase => {
    const e = byCase.get(c.name);
    const image = files[c.channels[0]?.path ?? '']?.volumes?.[0];
    if (e?.label && image && sameGrid(e.label, image)) {
      const path = editedLabelPath(c.name);
      out[path] = { path, size: e.label.data.length, volumes: [e.label] };
      return {
        ...c,
        label: path,
        editedFrom: e.editedFrom,
        reviewed: e.reviewed,
        labelValues: labelValues(e.label),
        problem: undefined,
      };
    }
    // The case's table says edited, but the edited label is gone: back to where it started.
    const base: StudyCase =
      isEditedPath(c.label) && !out[c.label ?? '']?.volumes ? revert(c, files) : c;
    return e ? { ...base, reviewed: e.reviewed } : base;
  });
  return { cases: next, files: out };
}

function revert(c: StudyCase, files: Record<string, LoadedFile>): StudyCase {
  const { editedFrom, ...rest } = c;
  const original = editedFrom ? files[editedFrom]?.volumes?.[0] : undefined;
  return {
    ...rest,
    label: editedFrom ?? undefined,
    labelValues: original ? labelValues(original) : undefined,
    reviewed: null,
  };
}
