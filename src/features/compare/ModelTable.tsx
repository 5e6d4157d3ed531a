/**
 * The model table of the ENet-vs-U-Net study (and seed 001's DS-CNN / U-Net / FCN table),
 * for every compared model: architecture (an ensemble names how many models it averages),
 * parameters, size of the saved weights (an ensemble's summed), inference time per slice
 * and per volume on the backend the comparison ran on, and Dice mean / median / max over
 * the evaluated cases. A mirror-averaged (TTA) column also shows what the averaging cost
 * in time and changed in Dice against the same model's plain column.
 */
import { architecture, isArchitectureKind } from '../../ml/models/registry';
import { useStudio } from '../../store';
import { useCompare } from './compare-store';
import { formatBytes, formatCount, formatMs, formatScore, NA } from './format';
import { sideColor, sideLetter } from './model-colors';
import { cssColor } from '../viewer/colors';
import { compareEntries } from './plan';
import { modelInfo } from './run-comparison';
import { summarizeModel, type ModelSummary } from './summaries';
import type { ModelInfo } from './types';

const archLabel = (kind: string) => (isArchitectureKind(kind) ? architecture(kind).label : kind);

interface Column {
  info: ModelInfo;
  summary: ModelSummary | null;
}

function describe(info: ModelInfo): string {
  const arch = archLabel(info.architecture);
  if (info.ensembleOf) return `Ensemble of ${info.ensembleOf} (${arch})`;
  if (info.outOfFoldOf) return `${arch}, out-of-fold (${info.outOfFoldOf} folds)`;
  return arch;
}

/** The same model's plain column, for a mirror-averaged one. */
function twinOf(c: Column, cols: readonly Column[]): Column | undefined {
  return c.info.tta ? cols.find((x) => !x.info.tta && x.info.runId === c.info.runId) : undefined;
}

function signed(v: number | null | undefined, format: (x: number) => string): string {
  // A plain column has no twin to differ from.
  if (v === undefined) return '–';
  if (v === null || !Number.isFinite(v)) return NA;
  return `${v >= 0 ? '+' : '−'}${format(Math.abs(v))}`;
}

export function ModelTable() {
  const { result, models, tta } = useCompare();
  const runs = useStudio((s) => s.runs);
  const backend = useStudio((s) => s.backendLabel);
  const cols: Column[] = result
    ? result.models.map((m) => ({ info: m.model, summary: summarizeModel(m) }))
    : compareEntries(models, runs, tta).map((e, i) => ({
        info: modelInfo(e, sideLetter(i)),
        summary: null,
      }));
  if (cols.length === 0) return null;
  const n = result?.caseNames.length ?? 0;
  const anyTta = cols.some((c) => c.info.tta);
  type Row = [string, (c: Column) => string];
  const ttaRows: Row[] = [
    [
      'TTA cost, ms / slice',
      (c) =>
        signed(
          delta(c, cols, (s) => s.msPerSlice.mean),
          (x) => formatMs(x),
        ),
    ],
    [
      'TTA change in Dice',
      (c) =>
        signed(
          delta(c, cols, (s) => s.dice.mean),
          (x) => formatScore(x),
        ),
    ],
  ];
  const rows: Row[] = [
    ['Architecture', (c) => describe(c.info)],
    ['Test-time augmentation', (c) => (c.info.tta ? 'mirror averaging, as trained' : 'none')],
    ['Trainable parameters', (c) => formatCount(c.info.params?.trainable)],
    ['Non-trainable parameters', (c) => formatCount(c.info.params?.nonTrainable)],
    ['Size on disk (weights)', (c) => formatBytes(c.info.sizeBytes)],
    ['Inference ms / slice', (c) => formatMs(c.summary?.msPerSlice.mean)],
    ['Inference ms / volume', (c) => formatMs(c.summary?.msPerVolume.mean)],
    [n > 1 ? `Dice (mean of ${n} cases)` : 'Dice', (c) => formatScore(c.summary?.dice.mean)],
    ...(n > 1
      ? ([
          ['Dice median', (c) => formatScore(c.summary?.dice.median)],
          ['Dice max', (c) => formatScore(c.summary?.dice.max)],
        ] as Row[])
      : []),
    ...(anyTta && result ? ttaRows : []),
  ];
  return (
    <table className="compare-table" aria-label="Model comparison">
      <caption>
        Models · inference on <span className="compare-backend">{result?.backend ?? backend}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {cols.map((c, i) => (
            <th key={c.info.side} scope="col" style={{ color: cssColor(sideColor(i)) }}>
              {c.info.side}: {c.info.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {cols.map((c) => (
              <td key={c.info.side}>{value(c)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A mirror-averaged column's figure minus its plain twin's; undefined for plain columns. */
function delta(
  c: Column,
  cols: readonly Column[],
  pick: (s: ModelSummary) => number | null,
): number | null | undefined {
  const twin = twinOf(c, cols);
  if (!twin?.summary || !c.summary) return undefined;
  const a = pick(c.summary);
  const b = pick(twin.summary);
  return a === null || b === null ? null : a - b;
}
