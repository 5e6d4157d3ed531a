import { describe, it, expect } from 'vitest';
import { assignSplits } from './splits';
import type { StudyCase } from '../../store';

const mk = (name: string, label = true): StudyCase => ({
  name,
  channels: [{ path: `${name}.nii.gz`, channel: 'image' }],
  label: label ? `${name}_seg.nii.gz` : undefined,
  extras: [],
  split: 'train',
});

describe('assignSplits', () => {
  it('splits 30 labelled cases by case into train, val and test', () => {
    const cases = Array.from({ length: 30 }, (_, i) => mk(`train${String(i).padStart(2, '0')}`));
    const out = assignSplits(cases);
    const count = (s: string) => out.filter((c) => c.split === s).length;
    expect(count('val')).toBe(5);
    expect(count('test')).toBe(5);
    expect(count('train')).toBe(20);
  });

  it('is deterministic and independent of input order', () => {
    const cases = Array.from({ length: 12 }, (_, i) => mk(`c${i}`));
    const a = assignSplits(cases);
    const b = assignSplits([...cases].reverse());
    for (const c of a) expect(b.find((x) => x.name === c.name)?.split).toBe(c.split);
  });

  it('sends unlabelled cases to test and keeps at least one validation case', () => {
    const out = assignSplits([mk('a'), mk('b'), mk('new', false)]);
    expect(out.find((c) => c.name === 'new')?.split).toBe('test');
    expect(out.filter((c) => c.split === 'val')).toHaveLength(1);
    expect(out.filter((c) => c.split === 'train')).toHaveLength(1);
  });
});
