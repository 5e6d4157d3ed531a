/**
 * What the dataset table shows for one case, derived from its decoded files: kept out of
 * the component so that it can be tested without a DOM.
 */
import type { LoadedFile, StudyCase } from '../../store';
import type { Volume } from '../../io/volume';
import { formatValues } from '../../io';

export interface CaseSummary {
  dims: string;
  spacing: string;
  dataType: string;
  labelValues: string;
}

/** The first decoded volume of a file, if it decoded. */
export function firstVolume(
  files: Record<string, LoadedFile>,
  path: string | undefined,
): Volume | undefined {
  return path ? files[path]?.volumes?.[0] : undefined;
}

export function summarizeCase(c: StudyCase, files: Record<string, LoadedFile>): CaseSummary {
  const image = firstVolume(files, c.channels[0]?.path);
  const label = firstVolume(files, c.label);
  return {
    dims: image ? image.dims.join('×') : '—',
    spacing: image ? image.spacing.map((s) => formatMm(s)).join('×') : '—',
    dataType: image ? image.sourceType + (label ? ` / ${label.sourceType}` : '') : '—',
    labelValues: labelText(c),
  };
}

function labelText(c: StudyCase): string {
  if (c.labelValues) return formatValues(c.labelValues);
  if (!c.label) return 'no label';
  return c.problem ? 'not usable' : '…';
}

function formatMm(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0+$/, '');
}
