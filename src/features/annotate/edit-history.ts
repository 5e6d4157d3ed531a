/**
 * Undo and redo of label edits, per case: each entry holds the slices an edit changed,
 * before and after, and the reviewed slices before and after, so both directions are one
 * slice patch. Only changed slices are kept, and the oldest entries go first once the
 * history passes its byte budget. Pure.
 */
import type { SlicePatch } from './label-slices';
import type { Reviewed } from './reviewed';

export interface HistoryEntry {
  before: SlicePatch[];
  after: SlicePatch[];
  reviewedBefore: Reviewed;
  reviewedAfter: Reviewed;
}

/** What undo or redo applies: the slices to write and the reviewed slices to set. */
export interface HistoryStep {
  slices: SlicePatch[];
  reviewed: Reviewed;
}

function bytes(e: HistoryEntry): number {
  let n = 0;
  for (const s of [...e.before, ...e.after]) n += s.data.byteLength;
  return n;
}

export class EditHistory {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];

  /** `budget`: bytes of slices kept (both directions); the oldest entries go first. */
  constructor(private readonly budget = 64 * 1024 ** 2) {}

  /** Records an edit; anything undone before it can no longer be redone. */
  push(entry: HistoryEntry): void {
    this.done.push(entry);
    this.undone = [];
    let total = this.done.reduce((n, e) => n + bytes(e), 0);
    while (total > this.budget && this.done.length > 1) {
      total -= bytes(this.done[0]);
      this.done.shift();
    }
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  undo(): HistoryStep | null {
    const e = this.done.pop();
    if (!e) return null;
    this.undone.push(e);
    return { slices: e.before, reviewed: e.reviewedBefore };
  }

  redo(): HistoryStep | null {
    const e = this.undone.pop();
    if (!e) return null;
    this.done.push(e);
    return { slices: e.after, reviewed: e.reviewedAfter };
  }
}
