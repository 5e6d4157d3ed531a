/**
 * The model table of the ENet-vs-U-Net study, for the two models compared: parameters,
 * size of the saved weights, inference time per slice and per volume on the backend the
 * comparison ran on, and Dice over the evaluated cases.
 */
import { useStudio, type TrainingRun } from '../../store';
import { useCompare } from './compare-store';
import { formatBytes, formatCount, formatMs, formatScore } from './format';
import { modelInfo } from './run-comparison';
import { summarizeModel, type ModelSummary } from './summaries';
import type { ModelInfo } from './types';

const ARCH: Record<string, string> = { enet: 'ENet', unet: 'U-Net' };

interface Column {
  info: ModelInfo;
  summary: ModelSummary | null;
}

function columns(
  result: ReturnType<typeof useCompare.getState>['result'],
  runA: TrainingRun | undefined,
  runB: TrainingRun | undefined,
): Column[] {
  if (result) return result.models.map((m) => ({ info: m.model, summary: summarizeModel(m) }));
  return [
    ...(runA ? [{ info: modelInfo(runA, 'A'), summary: null }] : []),
    ...(runB ? [{ info: modelInfo(runB, 'B'), summary: null }] : []),
  ];
}

export function ModelTable() {
  const { result, modelA, modelB } = useCompare();
  const runs = useStudio((s) => s.runs);
  const backend = useStudio((s) => s.backendLabel);
  const cols = columns(
    result,
    runs.find((r) => r.id === modelA),
    runs.find((r) => r.id === modelB),
  );
  if (cols.length === 0) return null;
  const n = result?.caseNames.length ?? 0;
  const rows: [string, (c: Column) => string][] = [
    ['Architecture', (c) => ARCH[c.info.architecture] ?? c.info.architecture],
    ['Trainable parameters', (c) => formatCount(c.info.params?.trainable)],
    ['Non-trainable parameters', (c) => formatCount(c.info.params?.nonTrainable)],
    ['Size on disk (weights)', (c) => formatBytes(c.info.sizeBytes)],
    ['Inference ms / slice', (c) => formatMs(c.summary?.msPerSlice.mean)],
    ['Inference ms / volume', (c) => formatMs(c.summary?.msPerVolume.mean)],
    [n > 1 ? `Dice (mean of ${n} cases)` : 'Dice', (c) => formatScore(c.summary?.dice.mean)],
  ];
  return (
    <table className="compare-table" aria-label="Model comparison">
      <caption>
        Models · inference on <span className="compare-backend">{result?.backend ?? backend}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {cols.map((c) => (
            <th key={c.info.side} scope="col" className={`side-${c.info.side}`}>
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
