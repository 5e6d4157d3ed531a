/**
 * Exports the loaded dataset as an nnU-Net v2 raw dataset in one zip: the cases as the
 * dataset table shows them (pairing, channel order, splits, label names), written one
 * case at a time so the page can show progress and the user can cancel.
 */
import { zipSync, type Zippable } from 'fflate';
import { useStudio } from '../../store';
import { caseFiles, nnunetLayout, type ExportCase } from './nnunet-export';

export interface ExportProgress {
  done: number;
  total: number;
  current: string;
}

/** The dataset's usable cases with their decoded volumes; cases with a problem are left out. */
export function exportableCases(): { cases: ExportCase[]; skipped: string[] } {
  const { cases, files } = useStudio.getState();
  const out: ExportCase[] = [];
  const skipped: string[] = [];
  for (const c of cases) {
    const channels = c.channels.map((ch) => ({
      channel: ch.channel,
      volume: files[ch.path]?.volumes?.[0],
    }));
    const label = c.label ? files[c.label]?.volumes?.[0] : undefined;
    if (c.problem || channels.some((ch) => !ch.volume) || (c.label && !label)) {
      skipped.push(c.name);
      continue;
    }
    out.push({
      name: c.name,
      split: c.split,
      channels: channels.map((ch) => ({ channel: ch.channel, volume: ch.volume! })),
      label: label ?? null,
      reviewed: c.reviewed ?? null,
    });
  }
  return { cases: out, skipped };
}

/** Writes the zip; resolves with its name, bytes and notes. Rejects when cancelled. */
export async function buildNnunetZip(
  onProgress: (p: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ name: string; zip: Uint8Array; notes: string[] }> {
  const { cases, skipped } = exportableCases();
  if (cases.length === 0) throw new Error('no case to export');
  const s = useStudio.getState();
  const layout = nnunetLayout(cases, s.labelTable, s.datasetName || 'SegStudio');
  const entries: Zippable = {};
  for (const [i, c] of cases.entries()) {
    if (signal.aborted) throw new Error('export cancelled');
    onProgress({ done: i, total: cases.length, current: c.name });
    for (const f of caseFiles(c, layout.ids[i], layout)) entries[f.path] = f.bytes;
    // Let the progress bar paint (and a Cancel land) between cases.
    await new Promise((r) => setTimeout(r, 0));
  }
  for (const f of layout.json) entries[f.path] = f.bytes;
  // The volumes are gzipped already; the zip only stores them.
  const zip = zipSync(entries, { level: 0 });
  const notes = [
    ...layout.notes,
    ...skipped.map((n) => `case "${n}" has a problem and was left out`),
  ];
  return { name: `${layout.folder}.zip`, zip, notes };
}
