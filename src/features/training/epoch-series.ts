/**
 * The epoch curves the panel offers, as seed 004 plots them: loss, Dice, pixel accuracy
 * and mean IoU, each for training and validation, and Dice per class for multi-class
 * targets. Pure, so the series are tested without a chart.
 */
import type { EpochPoint } from '../../store';

export type EpochMetric = 'loss' | 'dice' | 'accuracy' | 'iou';

export const EPOCH_METRICS: { value: EpochMetric; label: string }[] = [
  { value: 'loss', label: 'Loss' },
  { value: 'dice', label: 'Dice' },
  { value: 'accuracy', label: 'Pixel accuracy' },
  { value: 'iou', label: 'Mean IoU' },
];

/** Train in blue, validation in orange; further classes in distinct hues. */
const TRAIN = '#4ea1ff';
const VAL = '#ffa64e';
const CLASS_COLORS = ['#5ad17a', '#d35ad1', '#e8e35a', '#5ad1d1', '#d1825a', '#9a8cff'];

export interface EpochSeries {
  label: string;
  color: string;
  dash?: number[];
  values: (number | null)[];
}

const pick = (e: EpochPoint, m: EpochMetric, split: 'train' | 'val'): number | null => {
  switch (m) {
    case 'loss':
      return split === 'train' ? e.trainLoss : e.valLoss;
    case 'dice':
      return split === 'train' ? e.trainDice : e.valDice;
    case 'accuracy':
      return (split === 'train' ? e.trainAccuracy : e.valAccuracy) ?? null;
    case 'iou':
      return (split === 'train' ? e.trainMeanIoU : e.valMeanIoU) ?? null;
  }
};

/** The series of `metric` over `epochs` (validation per class when there are several). */
export function epochSeries(
  epochs: readonly EpochPoint[],
  metric: EpochMetric,
  classNames: readonly string[] = [],
): EpochSeries[] {
  const name = EPOCH_METRICS.find((m) => m.value === metric)?.label ?? metric;
  const out: EpochSeries[] = [
    { label: `train ${name}`, color: TRAIN, values: epochs.map((e) => pick(e, metric, 'train')) },
    {
      label: `val ${name}`,
      color: VAL,
      dash: [4, 3],
      values: epochs.map((e) => pick(e, metric, 'val')),
    },
  ];
  const classes = Math.max(0, ...epochs.map((e) => e.valClassDice?.length ?? 0));
  if (metric === 'dice' && classes > 1) {
    for (let k = 0; k < classes; k++) {
      out.push({
        label: `val Dice ${classNames[k] ?? `class ${k + 1}`}`,
        color: CLASS_COLORS[k % CLASS_COLORS.length],
        dash: [2, 2],
        values: epochs.map((e) => e.valClassDice?.[k] ?? null),
      });
    }
  }
  return out;
}
