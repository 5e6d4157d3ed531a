/**
 * Scores one model's prediction of one case against the manual label, with the label
 * values the model's target makes into structures. Pure: no store, no engine.
 */
import {
  maskOf,
  scoreLabelMaps,
  sliceScores,
  type ClassSpec,
  type Grid3,
} from '../../eval/metrics';
import type { TargetSpec } from '../../ml/data/target';
import type { Volume } from '../../io/volume';
import type { CaseEvaluation, CaseTiming } from './types';
import type { Split } from '../../store';

/**
 * The structures of a target. Binary: one, the chosen label values against the model's
 * foreground (predicted value 1). Multi-class: one per label value, compared value for
 * value. `nameOf` names a label value (the dataset's label table); without it, structures
 * are named by their values ("label 1+2").
 */
export function classesForTarget(
  target: TargetSpec,
  nameOf?: (value: number) => string,
): ClassSpec[] {
  if (target.mode === 'binary') {
    const values = target.foregroundValues.length ? target.foregroundValues : [1];
    const name = nameOf ? values.map(nameOf).join(' + ') : `label ${values.join('+')}`;
    return [{ name, predictedValues: [1], manualValues: values }];
  }
  return [...new Set(target.values)]
    .filter((v) => v !== 0)
    .sort((a, b) => a - b)
    .map((v) => ({
      name: nameOf ? nameOf(v) : `label ${v}`,
      predictedValues: [v],
      manualValues: [v],
    }));
}

/** All structures of a target together: the foreground mask values on each side. */
export function foregroundValues(classes: readonly ClassSpec[]): {
  predicted: number[];
  manual: number[];
} {
  return {
    predicted: [...new Set(classes.flatMap((c) => c.predictedValues))],
    manual: [...new Set(classes.flatMap((c) => c.manualValues))],
  };
}

/** A 0/1 volume of the manual label's voxels that belong to any of `values`. */
export function manualMaskVolume(label: Volume, values: readonly number[]): Volume {
  return { ...label, data: Float32Array.from(maskOf(label.data, values)), sourceType: 'uint8' };
}

export interface EvaluateInput {
  caseName: string;
  split: Split;
  predicted: Volume;
  manual: Volume;
  target: TargetSpec;
  timing: CaseTiming;
  /** Names of label values, for the structures' names. */
  nameOf?: (value: number) => string;
}

/** Every score of one case: per structure in 3-D, and per slice for all structures. */
export function evaluateCase(input: EvaluateInput): CaseEvaluation {
  const { predicted, manual } = input;
  if (predicted.dims.join() !== manual.dims.join()) {
    throw new Error(
      `${input.caseName}: prediction grid ${predicted.dims.join('x')} differs from the label's ${manual.dims.join('x')}`,
    );
  }
  const dims: Grid3 = manual.dims;
  const spacing: Grid3 = manual.spacing;
  const classes = classesForTarget(input.target, input.nameOf);
  const fg = foregroundValues(classes);
  return {
    caseName: input.caseName,
    split: input.split,
    dims: [...dims],
    spacing: [...spacing],
    timing: input.timing,
    classes: scoreLabelMaps(predicted.data, manual.data, dims, spacing, classes),
    slices: sliceScores(
      maskOf(predicted.data, fg.predicted),
      maskOf(manual.data, fg.manual),
      dims,
      spacing,
      {
        distances: true,
      },
    ),
  };
}
