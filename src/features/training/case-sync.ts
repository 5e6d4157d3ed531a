/**
 * Which cases an engine has, so that each is sent once: a case is (re-)sent when its
 * volumes, label, split or reviewed slices are no longer the ones sent, and dropped from
 * the engine when it leaves the dataset. Volumes are compared by identity: the store
 * replaces a volume object whenever its voxels change.
 */
import type { CaseData } from '../../ml/types';
import { useStudio } from '../../store';
import type { Volume } from '../../io/volume';

/** What the engine needs of the page's engine client. */
export interface CaseSink {
  putCases(cases: CaseData[]): Promise<unknown>;
  removeCases(names: string[]): Promise<void>;
}

/** A case of the dataset as the engine needs it, with the volumes it came from. */
export interface EngineCase {
  data: CaseData;
  volumes: readonly object[];
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

/** The loaded cases the engine can use: readable channels on one grid, and the label. */
export function casesForEngine(): EngineCase[] {
  const { cases, files } = useStudio.getState();
  const out: EngineCase[] = [];
  for (const c of cases) {
    if (c.problem) continue;
    const vols = c.channels.map((ch) => files[ch.path]?.volumes?.[0]);
    const first = vols[0];
    if (!first || vols.some((v) => !v || v.dims.join() !== first.dims.join())) continue;
    const label = c.label ? files[c.label]?.volumes?.[0] : undefined;
    const images = vols as Volume[];
    out.push({
      data: {
        name: c.name,
        // The engine receives copies (the client copies before transferring).
        channels: images.map((v) => v.data as Float32Array<ArrayBuffer>),
        dims: first.dims,
        spacing: first.spacing,
        label: label ? (label.data as Float32Array<ArrayBuffer>) : null,
        role: c.split,
        reviewed: c.reviewed ?? null,
      },
      volumes: label ? [...images, label] : images,
    });
  }
  return out;
}

function keyOf(c: EngineCase): string {
  return [c.data.role, c.volumes.map(idOf).join(','), c.data.reviewed?.join(',') ?? 'all'].join(
    '|',
  );
}

export class CaseSync {
  private readonly sent = new Map<string, string>();

  /** Sends what changed since the last call, and drops what left. */
  async send(sink: CaseSink, cases: readonly EngineCase[] = casesForEngine()): Promise<void> {
    const changed = cases.filter((c) => this.sent.get(c.data.name) !== keyOf(c));
    const names = new Set(cases.map((c) => c.data.name));
    const gone = [...this.sent.keys()].filter((n) => !names.has(n));
    if (gone.length > 0) {
      await sink.removeCases(gone);
      for (const n of gone) this.sent.delete(n);
    }
    if (changed.length === 0) return;
    await sink.putCases(changed.map((c) => c.data));
    for (const c of changed) this.sent.set(c.data.name, keyOf(c));
  }

  /** Records that the engine already holds `c` as it is now. */
  markSent(c: EngineCase): void {
    this.sent.set(c.data.name, keyOf(c));
  }

  /** Whether the engine was last sent `c` exactly as it is (so a slice update fits it). */
  holds(c: EngineCase): boolean {
    return this.sent.get(c.data.name) === keyOf(c);
  }

  /** Forgets what the engine holds of case `name`, so the next send sends it whole. */
  forget(name: string): void {
    this.sent.delete(name);
  }
}
