/**
 * The comparison as files: JSON with everything (models, per-case and per-slice scores,
 * summaries, the empty-mask rule) and a flat CSV for spreadsheets, one row per model,
 * case and structure, then the summaries, then per-slice Dice.
 */
import { EMPTY_MASK_RULES, METRIC_KEYS, type MetricKey } from '../../eval/metrics';
import { summarizeModel } from './summaries';
import type { ComparisonResult } from './types';

/** Everything about a comparison, JSON-safe (nulls where a score is undefined). */
export function comparisonJson(result: ComparisonResult): object {
  return {
    kind: 'segstudio-comparison',
    createdAt: result.createdAt,
    backend: result.backend,
    emptyMaskRules: EMPTY_MASK_RULES,
    cases: result.caseNames,
    models: result.models.map((m) => ({
      ...m.model,
      summary: summarizeModel(m),
      cases: m.cases,
    })),
  };
}

const COLUMNS = [
  'row',
  'side',
  'model',
  'case',
  'structure',
  'slice',
  ...METRIC_KEYS,
  'ms_per_slice',
  'ms_per_volume',
] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type Row = Partial<Record<(typeof COLUMNS)[number], unknown>>;

/** CSV (RFC 4180 quoting); empty cells where a score is undefined (n/a). */
export function comparisonCsv(result: ComparisonResult): string {
  const rows: Row[] = [];
  for (const { model, cases } of result.models) {
    const base = { side: model.side, model: model.name };
    for (const c of cases) {
      for (const s of c.classes) {
        const metrics = Object.fromEntries(METRIC_KEYS.map((k) => [k, s[k]]));
        rows.push({
          ...base,
          ...metrics,
          row: 'case',
          case: c.caseName,
          structure: s.name,
          ms_per_slice: c.timing.msPerSlice,
          ms_per_volume: c.timing.totalMs,
        });
      }
    }
    const summary = summarizeModel({ model, cases });
    for (const stat of ['mean', 'median', 'max'] as const) {
      for (const cls of summary.classes) {
        const metrics = Object.fromEntries(
          METRIC_KEYS.map((k: MetricKey) => [k, cls.metrics[k][stat]]),
        );
        rows.push({
          ...base,
          ...metrics,
          row: stat,
          case: `${cases.length} cases`,
          structure: cls.name,
          ms_per_slice: summary.msPerSlice[stat],
          ms_per_volume: summary.msPerVolume[stat],
        });
      }
    }
    for (const c of cases) {
      for (const s of c.slices) {
        if (s.dice !== null)
          rows.push({ ...base, row: 'slice', case: c.caseName, slice: s.k, dice: s.dice });
      }
    }
  }
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((k) => cell(r[k])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
