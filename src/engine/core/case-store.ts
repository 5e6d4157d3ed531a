/**
 * The cases the engine was sent, by name: checked once on arrival, changed slice by slice
 * when the user corrects a label, and chosen for a run by role or by name.
 */
import { splitCases } from '../../ml/data/split';
import type { TrainConfig } from '../../ml/train/config';
import type { CaseData, CaseSummary } from '../../ml/types';
import { EngineError } from '../../shared/engine-error';
import type { LabelUpdate } from '../api';

/** Label values present in `label`, sorted. */
function labelValues(label: ArrayLike<number> | null): number[] {
  if (!label) return [];
  const seen = new Set<number>();
  for (let i = 0; i < label.length; i++) seen.add(Math.round(label[i]));
  return [...seen].sort((a, b) => a - b);
}

function checkCase(c: CaseData): void {
  const voxels = c.dims[0] * c.dims[1] * c.dims[2];
  if (c.channels.length === 0)
    throw new EngineError('bad-config', `case ${c.name} has no image channel`);
  for (const ch of c.channels) {
    if (ch.length !== voxels) {
      throw new EngineError(
        'bad-config',
        `case ${c.name}: a channel does not match dims ${c.dims.join('x')}`,
      );
    }
  }
  if (c.label && c.label.length !== voxels) {
    throw new EngineError('bad-config', `case ${c.name}: label does not match the image grid`);
  }
}

export function summarize(c: CaseData): CaseSummary {
  return { name: c.name, role: c.role, dims: c.dims, labelValues: labelValues(c.label) };
}

export class CaseStore {
  private readonly cases = new Map<string, CaseData>();

  /** Adds cases (replacing those of the same name); all are checked before any is kept. */
  put(cases: readonly CaseData[]): CaseSummary[] {
    cases.forEach(checkCase);
    for (const c of cases) this.cases.set(c.name, c);
    return cases.map(summarize);
  }

  remove(names: readonly string[]): void {
    for (const n of names) this.cases.delete(n);
  }

  clear(): void {
    this.cases.clear();
  }

  get(name: string): CaseData {
    const c = this.cases.get(name);
    if (!c) throw new EngineError('unknown-case', `unknown case ${name}`);
    return c;
  }

  /** Writes drawn slices into a case's label (creating an empty label when asked). */
  updateLabel(u: LabelUpdate): void {
    const c = this.get(u.case);
    const [nx, ny, nz] = c.dims;
    const plane = nx * ny;
    if (!c.label) {
      if (!u.createIfMissing) throw new EngineError('bad-config', `case ${c.name} has no label`);
      c.label = new Uint8Array(plane * nz);
    }
    for (const s of u.slices) {
      if (!Number.isInteger(s.z) || s.z < 0 || s.z >= nz || s.data.length !== plane) {
        throw new EngineError('bad-config', `case ${c.name}: slice ${s.z} does not fit the grid`);
      }
      c.label.set(s.data, s.z * plane);
    }
    if (u.reviewed !== undefined) c.reviewed = u.reviewed;
  }

  /**
   * The labelled cases a run trains and validates on: the names it gives, or the cases'
   * roles, holding out a share of the training cases (by case) when none is marked val.
   */
  forRun(
    config: Pick<TrainConfig, 'autoValidationFraction' | 'seed'>,
    names?: { train: string[]; val: string[] },
  ): { train: CaseData[]; val: CaseData[] } {
    if (names) {
      const pick = (list: string[]) =>
        list.map((n) => {
          const c = this.get(n);
          if (!c.label) throw new EngineError('no-training-data', `case ${n} has no label`);
          return c;
        });
      const train = pick(names.train);
      if (train.length === 0) throw new EngineError('no-training-data', 'no training case given');
      return { train, val: pick(names.val) };
    }
    const labelled = [...this.cases.values()].filter((c) => c.label !== null);
    let train = labelled.filter((c) => c.role === 'train');
    let val = labelled.filter((c) => c.role === 'val');
    if (train.length === 0) {
      throw new EngineError(
        'no-training-data',
        'no labelled training case: set the split of some cases to train',
      );
    }
    if (val.length === 0 && config.autoValidationFraction > 0 && train.length >= 2) {
      const f = config.autoValidationFraction;
      const split = splitCases(
        train.map((c) => c.name),
        { train: 1 - f, val: f, test: 0 },
        config.seed,
      );
      val = train.filter((c) => split.val.includes(c.name));
      train = train.filter((c) => split.train.includes(c.name));
    }
    return { train, val };
  }
}
