/** Live curves of the active run: loss per step, and loss and Dice per epoch. */
import { useMemo } from 'react';
import { useStudio } from '../../store';
import { LineChart } from './LineChart';

export function TrainingCurves() {
  const run = useStudio((s) => s.runs.find((r) => r.id === s.activeRunId));
  const stepData = useMemo(
    (): [number[], (number | null)[]] => [
      run?.steps.map((p) => p.step) ?? [],
      run?.steps.map((p) => p.loss) ?? [],
    ],
    [run?.steps],
  );
  const epochData = useMemo((): [number[], ...(number | null)[][]] => {
    const e = run?.epochs ?? [];
    return [
      e.map((p) => p.epoch),
      e.map((p) => p.trainLoss),
      e.map((p) => p.valLoss),
      e.map((p) => p.trainDice),
      e.map((p) => p.valDice),
    ];
  }, [run?.epochs]);
  if (!run) return <p className="muted">Curves appear here while a model trains.</p>;
  return (
    <section aria-label="Training curves">
      <LineChart
        title="Training loss per step"
        xLabel="step"
        series={[{ label: 'loss', color: '#4ea1ff' }]}
        data={stepData}
      />
      <LineChart
        title="Loss and Dice per epoch"
        xLabel="epoch"
        series={[
          { label: 'train loss', color: '#4ea1ff' },
          { label: 'val loss', color: '#ffa64e' },
          { label: 'train Dice', color: '#4ea1ff', scale: 'y2', dash: [4, 3] },
          { label: 'val Dice', color: '#5ad17a', scale: 'y2', dash: [4, 3] },
        ]}
        data={epochData}
      />
    </section>
  );
}
