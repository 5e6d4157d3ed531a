/**
 * Turns a folder of NIfTI files into engine cases exactly as the studio does when files
 * are dropped: paired by name with `pairFiles`, decoded with `readNifti`, labels checked
 * against their image with `checkLabel`. Unlike the studio, which keeps going and lists
 * problems beside the table, a scripted run must not quietly train on a partial folder,
 * so every problem is collected and thrown together.
 */
import { checkLabel, readNifti, type Volume } from '../io';
import { pairFiles, type CaseDraft } from '../features/datasets/pairing';
import type { CaseData as CaseInput, SplitRole } from '../ml/types';
import type { CaseInfo, FileRef } from './api';

/** Reads the bytes of a served file. */
export type ReadBytes = (file: FileRef) => Promise<Uint8Array>;

/** A folder the run cannot use; `problems` holds one line per file or case. */
export class FolderError extends Error {
  override name = 'FolderError';
  constructor(
    readonly folderRole: string,
    readonly problems: string[],
  ) {
    super(`the ${folderRole} folder cannot be used:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A decoded case: what the engine gets and what the script reports. */
export interface FolderCase {
  input: CaseInput;
  info: CaseInfo;
}

/** Pairing notes that only say a non-volume file was skipped or a case renamed. */
const HARMLESS = /not a \.nii|macOS metadata|renamed to|named .* \(\d+\)$/;

async function decode(
  path: string,
  files: Map<string, FileRef>,
  read: ReadBytes,
  problems: string[],
): Promise<Volume | null> {
  const ref = files.get(path);
  if (!ref) {
    problems.push(`${path}: not found`);
    return null;
  }
  try {
    const [volume] = readNifti(await read(ref), path);
    return volume;
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
    return null;
  }
}

async function buildCase(
  draft: CaseDraft,
  role: SplitRole,
  files: Map<string, FileRef>,
  read: ReadBytes,
  problems: string[],
): Promise<FolderCase | null> {
  if (!draft.label) {
    problems.push(`case "${draft.name}" has no label file (${draft.channels[0].path})`);
    return null;
  }
  const before = problems.length;
  const channels: Volume[] = [];
  for (const ch of draft.channels) {
    const v = await decode(ch.path, files, read, problems);
    if (v) channels.push(v);
  }
  const label = await decode(draft.label, files, read, problems);
  if (problems.length > before || !label) return null;
  const image = channels[0];
  for (const [i, v] of channels.entries()) {
    if (v.dims.join() !== image.dims.join()) {
      problems.push(
        `${draft.channels[i].path}: grid ${v.dims.join('x')} differs from ${draft.channels[0].path} (${image.dims.join('x')})`,
      );
    }
  }
  try {
    checkLabel(label, image, draft.label);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  if (problems.length > before) return null;
  return {
    input: {
      name: `${role}/${draft.name}`,
      channels: channels.map((v) => v.data as Float32Array<ArrayBuffer>),
      dims: image.dims,
      spacing: image.spacing,
      label: label.data as Float32Array<ArrayBuffer>,
      role,
    },
    info: {
      name: draft.name,
      role,
      channels: draft.channels.map((c) => c.path),
      label: draft.label,
      dims: image.dims,
      spacing: image.spacing,
      labelMl: labelMillilitres(label),
    },
  };
}

/** Non-zero label voxels times the voxel volume, in mL. */
function labelMillilitres(label: Volume): number {
  let n = 0;
  for (let i = 0; i < label.data.length; i++) if (label.data[i] !== 0) n++;
  const [sx, sy, sz] = label.spacing;
  return (n * sx * sy * sz) / 1000;
}

/**
 * Pairs and decodes `refs` as the cases of a `role` folder. Engine case names carry a
 * `train/`, `val/` or `test/` prefix so that the folders may reuse file names.
 * Throws a {@link FolderError} naming every unreadable file, label-less case, grid
 * mismatch, stray label, or inconsistent channel count.
 */
export async function loadFolder(
  refs: readonly FileRef[],
  role: SplitRole,
  read: ReadBytes,
): Promise<{ cases: FolderCase[]; notes: string[] }> {
  const files = new Map(refs.map((f) => [f.path, f]));
  const pairing = pairFiles(refs.map((f) => ({ path: f.path, size: f.size })));
  const problems: string[] = [];
  const notes: string[] = [];
  for (const p of pairing.problems) {
    (HARMLESS.test(p.message) ? notes : problems).push(`${p.path}: ${p.message}`);
  }
  if (pairing.cases.length === 0) {
    problems.push(`no NIfTI image found among ${refs.length} file(s)`);
  }
  const cases: FolderCase[] = [];
  for (const draft of pairing.cases) {
    const c = await buildCase(draft, role, files, read, problems);
    if (c) cases.push(c);
  }
  const counts = new Set(cases.map((c) => c.input.channels.length));
  if (counts.size > 1) {
    const list = cases.map((c) => `${c.info.name}: ${c.input.channels.length}`).join(', ');
    problems.push(`cases have different numbers of image channels (${list})`);
  }
  if (problems.length > 0) throw new FolderError(role, problems);
  return { cases, notes };
}
