/**
 * Text formatting for the scripts' console output and markdown tables, so every figure
 * is printed with the same units and precision.
 */

/** 12,345 */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A score with 3 decimals, or "-" when missing. */
export function score(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(3);
}

/** Milliseconds with a precision that suits their size, or "-" when missing. */
export function ms(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  if (n >= 100) return int(n);
  return n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** A duration as "1h 02m", "3m 05s" or "12.3 s". */
export function duration(msValue: number): string {
  const s = msValue / 1000;
  if (!Number.isFinite(s)) return '-';
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Bytes as MB with one decimal. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** A markdown table; cells are escaped so a "|" in an adapter name cannot break it. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Left-aligned columns padded to their widest cell, for console listings. */
export function columns(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
