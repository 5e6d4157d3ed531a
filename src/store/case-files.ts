/**
 * Which loaded files the cases use, and what that means for new files: a file still used
 * by a case is a true duplicate, while a file whose earlier load failed, or whose case
 * was removed, is replaced by the new copy. Removing a case lets go of the files that no
 * other case uses, so nothing stale stays in memory or comes back on reload. Pure.
 */
import type { LoadedFile, ProblemReport, StudyCase } from './dataset-types';

/** Every file a case refers to: its channels, label (and the one an edit started from) and extras. */
export function caseFiles(c: StudyCase): string[] {
  return [
    ...c.channels.map((ch) => ch.path),
    ...(c.label ? [c.label] : []),
    ...(c.editedFrom ? [c.editedFrom] : []),
    ...c.extras,
  ];
}

/** The case that uses `path`, if any. */
export function caseUsing(cases: readonly StudyCase[], path: string): StudyCase | undefined {
  return cases.find((c) => caseFiles(c).includes(path));
}

/** The cases without case `name`, and the files without those only it used. */
export function withoutCase(
  cases: readonly StudyCase[],
  files: Record<string, LoadedFile>,
  name: string,
): { cases: StudyCase[]; files: Record<string, LoadedFile>; dropped: string[] } {
  const gone = cases.find((c) => c.name === name);
  const rest = cases.filter((c) => c !== gone);
  if (!gone) return { cases: rest, files, dropped: [] };
  const used = new Set(rest.flatMap(caseFiles));
  const dropped = caseFiles(gone).filter((p) => !used.has(p) && p in files);
  const kept = { ...files };
  for (const p of dropped) delete kept[p];
  return { cases: rest, files: kept, dropped };
}

/** Picked files sorted against what is loaded. */
export interface Intake<T> {
  /** Files to read: new ones, and new copies of failed or unused ones. */
  fresh: T[];
  /** Paths among `fresh` that a case already refers to (their earlier copy failed). */
  replacing: Set<string>;
  /** One report per file that is not read, saying why. */
  problems: ProblemReport[];
}

export function sortIncoming<T extends { path: string }>(
  picked: readonly T[],
  loaded: Record<string, LoadedFile>,
  cases: readonly StudyCase[],
): Intake<T> {
  const seen = new Set<string>();
  const out: Intake<T> = { fresh: [], replacing: new Set(), problems: [] };
  for (const p of picked) {
    if (seen.has(p.path)) {
      out.problems.push({
        path: p.path,
        message: `${p.path}: picked twice in one go; the first copy is used.`,
      });
      continue;
    }
    seen.add(p.path);
    const owner = caseUsing(cases, p.path);
    if (owner && loaded[p.path]?.volumes) {
      out.problems.push({
        path: p.path,
        message:
          `${p.path}: already loaded in case "${owner.name}"; this copy is ignored ` +
          `(remove the case to load the file again).`,
      });
      continue;
    }
    if (owner) out.replacing.add(p.path);
    out.fresh.push(p);
  }
  return out;
}
