/**
 * The model table of the ENet-vs-U-Net study (and seed 001's DS-CNN / U-Net / FCN table),
 * for every compared model: architecture, parameters, size of the saved weights,
 * inference time per slice and per volume on the backend the comparison ran on, and Dice
 * mean / median / max over the evaluated cases.
 */
import { architecture, isArchitectureKind } from '../../ml/models/registry';
import { useStudio, type TrainingRun } from '../../store';
import { useCompare } from './compare-store';
import { formatBytes, formatCount, formatMs, formatScore } from './format';
import { sideColor, sideLetter } from './model-colors';
import { cssColor } from '../viewer/colors';
import { modelInfo } from './run-comparison';
import { summarizeModel, type ModelSummary } from './summaries';
import type { ModelInfo } from './types';

const archLabel = (kind: string) => (isArchitectureKind(kind) ? architecture(kind).label : kind);

interface Column {
  info: ModelInfo;
  summary: ModelSummary | null;
}

function columns(
  result: ReturnType<typeof useCompare.getState>['result'],
  chosen: readonly TrainingRun[],
): Column[] {
  if (result) return result.models.map((m) => ({ info: m.model, summary: summarizeModel(m) }));
  return chosen.map((run, i) => ({ info: modelInfo(run, sideLetter(i)), summary: null }));
}

export function ModelTable() {
  const { result, models } = useCompare();
  const runs = useStudio((s) => s.runs);
  const backend = useStudio((s) => s.backendLabel);
  const cols = columns(
    result,
    models.flatMap((id) => runs.filter((r) => r.id === id)),
  );
  if (cols.length === 0) return null;
  const n = result?.caseNames.length ?? 0;
  const rows: [string, (c: Column) => string][] = [
    ['Architecture', (c) => archLabel(c.info.architecture)],
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
        ] as [string, (c: Column) => string][])
      : []),
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
