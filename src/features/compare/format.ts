/**
 * How the compare view writes numbers: scores to 3 decimals, mm and mL to 2 and 1,
 * counts with thousands separators, sizes in kB / MB, and "n/a" for undefined values.
 */

export const NA = 'n/a';

function fixed(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NA : v.toFixed(digits);
}

export const formatScore = (v: number | null | undefined) => fixed(v, 3);
export const formatMm = (v: number | null | undefined) => fixed(v, 2);
export const formatMl = (v: number | null | undefined) => fixed(v, 1);

export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NA;
  return v >= 100 ? String(Math.round(v)) : v.toFixed(1);
}

export function formatCount(v: number | null | undefined): string {
  return v === null || v === undefined ? NA : v.toLocaleString('en-US');
}

export function formatBytes(v: number | null | undefined): string {
  if (v === null || v === undefined) return NA;
  if (v < 1000) return `${v} B`;
  if (v < 1e6) return `${(v / 1e3).toFixed(1)} kB`;
  return `${(v / 1e6).toFixed(1)} MB`;
}
