/**
 * Label names during a load: takes the label table files out of a drop (they name the
 * structures; they are not images) and names the dataset's label values once its cases
 * are known, keeping the names the user already gave.
 */
import { useStudio, type LabelTable } from '../../store';
import type { PickedFile } from './collect-files';
import { caseFiles } from '../../store/case-files';
import { mayHoldLabelTable, parseLabelFile, type FileLabel } from './label-files';
import { buildLabelTable, detectConvention } from './label-names';

/** Larger files are not read as tables (a table is a few kilobytes). */
const MAX_TABLE_BYTES = 1024 ** 2;

export interface LabelFiles {
  /** The tables found, merged in drop order (a later file wins for a value). */
  table: { name: string; labels: FileLabel[] } | null;
  /** Everything that is not a label table. */
  rest: PickedFile[];
}

export async function takeLabelFiles(picked: readonly PickedFile[]): Promise<LabelFiles> {
  const rest: PickedFile[] = [];
  const names: string[] = [];
  const labels = new Map<number, FileLabel>();
  for (const p of picked) {
    const candidate = mayHoldLabelTable(p.path) && p.file.size <= MAX_TABLE_BYTES;
    const parsed = candidate ? parseLabelFile(await p.file.text()) : null;
    if (!parsed) {
      rest.push(p);
      continue;
    }
    names.push(p.path.slice(p.path.lastIndexOf('/') + 1));
    for (const l of parsed) labels.set(l.value, l);
  }
  const table = names.length
    ? { name: names.join(', '), labels: [...labels.values()].sort((a, b) => a.value - b.value) }
    : null;
  return { table, rest };
}

/** The label table for the dataset now in the store, after a load. */
export function nameLabels(
  file: LabelFiles['table'],
  previous: LabelTable | null,
  droppedPaths: readonly string[],
): LabelTable {
  const { cases } = useStudio.getState();
  return buildLabelTable({
    values: cases.flatMap((c) => c.labelValues ?? []),
    file,
    previous,
    convention: detectConvention([...droppedPaths, ...cases.flatMap(caseFiles)]),
  });
}
