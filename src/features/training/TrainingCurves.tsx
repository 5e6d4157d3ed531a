/**
 * Live curves of the selected run: loss per step, and per epoch the metric the user
 * picks (loss, Dice, pixel accuracy or mean IoU, training against validation, and Dice
 * per class for multi-class targets). A fine-tuned model's curves continue those of the
 * model it started from, with a marker where the fine-tune began.
 */
import { useMemo, useState } from 'react';
import { classValues, type TargetSpec } from '../../ml/data/target';
import { useStudio } from '../../store';
import { EPOCH_METRICS, epochSeries, type EpochMetric } from './epoch-series';
import { LineChart, type Marker } from './LineChart';
import { runHistory } from './run-history';

export function TrainingCurves() {
  const run = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const runs = useStudio((s) => s.runs);
  const [metric, setMetric] = useState<EpochMetric>('dice');
  const history = useMemo(() => (run ? runHistory(run, runs) : null), [run, runs]);
  const stepData = useMemo(
    (): [number[], (number | null)[]] => [
      history?.steps.map((p) => p.step) ?? [],
      history?.steps.map((p) => p.loss) ?? [],
    ],
    [history?.steps],
  );
  const epochs = history?.epochs;
  const labelTable = useStudio((s) => s.labelTable);
  // Per-class curves are named as the dataset names its label values.
  const classNames = useMemo(() => {
    const target = (run?.config as { target?: TargetSpec } | undefined)?.target;
    if (target?.mode !== 'multiclass') return [];
    return classValues(target)
      .slice(1)
      .map((v) => labelTable.entries.find((e) => e.value === v)?.name ?? `label ${v}`);
  }, [run?.config, labelTable]);
  const series = useMemo(
    () => epochSeries(epochs ?? [], metric, classNames),
    [epochs, metric, classNames],
  );
  const epochData = useMemo(
    (): [number[], ...(number | null)[][]] => [
      (epochs ?? []).map((e) => e.epoch),
      ...series.map((s) => s.values),
    ],
    [epochs, series],
  );
  const boundaries = history?.boundaries;
  const stepMarkers = useMemo(
    (): Marker[] =>
      (boundaries ?? []).map((b) => ({ x: b.step + 0.5, label: `fine-tune of ${b.base}` })),
    [boundaries],
  );
  const epochMarkers = useMemo(
    (): Marker[] =>
      (boundaries ?? []).map((b) => ({ x: b.epoch + 0.5, label: `fine-tune of ${b.base}` })),
    [boundaries],
  );
  if (!run) return <p className="muted">Curves appear here while a model trains.</p>;
  const label = EPOCH_METRICS.find((m) => m.value === metric)?.label ?? metric;
  return (
    <section aria-label="Training curves" className="curves">
      <LineChart
        title="Training loss per step"
        xLabel="step"
        series={[{ label: 'loss', color: '#4ea1ff' }]}
        data={stepData}
        height={110}
        markers={stepMarkers}
      />
      <div className="row curve-picker">
        <label htmlFor="ts-curve" className="muted">
          Per epoch
        </label>
        <select
          id="ts-curve"
          value={metric}
          onChange={(e) => setMetric(e.target.value as EpochMetric)}
        >
          {EPOCH_METRICS.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <LineChart
        title={`${label} per epoch`}
        xLabel="epoch"
        series={series.map((s) => ({ label: s.label, color: s.color, dash: s.dash }))}
        data={epochData}
        height={110}
        // Scores run from 0 to 1: a fixed axis keeps a flat start at 0 readable; the margin
        // keeps a point at 0 or 1 whole.
        yRange={metric === 'loss' ? undefined : [-0.04, 1.04]}
        markers={epochMarkers}
      />
    </section>
  );
}
