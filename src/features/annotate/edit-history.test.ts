import { describe, expect, it } from 'vitest';
import { EditHistory, type HistoryEntry } from './edit-history';

function entry(z: number, from: number, to: number, size = 4): HistoryEntry {
  return {
    before: [{ z, data: new Uint8Array(size).fill(from) }],
    after: [{ z, data: new Uint8Array(size).fill(to) }],
    reviewedBefore: [],
    reviewedAfter: [z],
  };
}

describe('edit history', () => {
  it('undoes and redoes edits in order, and a new edit drops the redo branch', () => {
    const h = new EditHistory();
    expect(h.undo()).toBeNull();
    h.push(entry(1, 0, 1));
    h.push(entry(2, 0, 3));
    const u = h.undo();
    expect(u?.slices[0].z).toBe(2);
    expect(u?.slices[0].data[0]).toBe(0);
    expect(u?.reviewed).toEqual([]);
    expect(h.canRedo).toBe(true);
    const r = h.redo();
    expect(r?.slices[0].data[0]).toBe(3);
    expect(r?.reviewed).toEqual([2]);
    h.undo();
    h.push(entry(4, 0, 9));
    expect(h.canRedo).toBe(false);
    expect(h.undo()?.slices[0].z).toBe(4);
    expect(h.undo()?.slices[0].z).toBe(1);
    expect(h.canUndo).toBe(false);
  });

  it('forgets the oldest edits beyond its byte budget but always keeps the last', () => {
    const h = new EditHistory(20);
    h.push(entry(0, 0, 1, 8));
    h.push(entry(1, 0, 1, 8));
    expect(h.undo()?.slices[0].z).toBe(1);
    expect(h.canUndo).toBe(false);
    const big = new EditHistory(4);
    big.push(entry(5, 0, 1, 100));
    expect(big.canUndo).toBe(true);
  });
});
