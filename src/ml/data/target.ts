/**
 * What the network learns from a label map: one foreground made of chosen label values
 * (binary), or one class per chosen value (multi-class). Labels are encoded once, to class
 * indices, so later stages (resizing, augmentation, batching) never see raw label values.
 */

/**
 * - binary: voxels whose label is one of `foregroundValues` are foreground, the rest is
 *   background.
 * - multiclass: class k (1-based) is label `values[k - 1]`; every other value, including 0,
 *   is background (class 0). A value of 0 in `values` is ignored.
 */
export type TargetSpec =
  | { mode: 'binary'; foregroundValues: number[] }
  | { mode: 'multiclass'; values: number[] };

/** Label value of each class index (index 0 = background, value 0). */
export function classValues(target: TargetSpec): number[] {
  if (target.mode === 'binary') return [0, 1];
  return [0, ...uniqueNonZero(target.values)];
}

/** Number of network output channels the target needs: 1 (sigmoid) or classes (softmax). */
export function outputChannels(target: TargetSpec): number {
  return target.mode === 'binary' ? 1 : classValues(target).length;
}

/** Throws unless a network with `numClasses` outputs can learn `target`. */
export function checkTarget(target: TargetSpec, numClasses: number): void {
  if (target.mode === 'binary') {
    if (target.foregroundValues.length === 0) {
      throw new Error('binary target needs at least one foreground label value');
    }
    if (numClasses !== 1 && numClasses !== 2) {
      throw new Error(`binary target needs a model with 1 or 2 outputs, got ${numClasses}`);
    }
    return;
  }
  const k = classValues(target).length;
  if (k < 2) throw new Error('multiclass target needs at least one non-zero label value');
  if (numClasses !== k) {
    throw new Error(
      `multiclass target over ${k - 1} label values + background needs numClasses = ${k}, got ${numClasses}`,
    );
  }
}

function uniqueNonZero(values: readonly number[]): number[] {
  return [...new Set(values.map(Math.round))].filter((v) => v !== 0).sort((a, b) => a - b);
}

/** Maps raw label voxels (any numeric type) to class indices. */
export function encodeLabels(
  label: ArrayLike<number>,
  target: TargetSpec,
): Uint8Array<ArrayBuffer> {
  const lut = new Map<number, number>();
  if (target.mode === 'binary') {
    for (const v of target.foregroundValues) lut.set(Math.round(v), 1);
  } else {
    classValues(target).forEach((v, k) => lut.set(v, k));
  }
  const out = new Uint8Array(label.length);
  for (let i = 0; i < label.length; i++) out[i] = lut.get(Math.round(label[i])) ?? 0;
  return out;
}

/** Maps class indices back to label values (the inverse of {@link encodeLabels}). */
export function decodeClasses(
  classes: Uint8Array<ArrayBuffer>,
  target: TargetSpec,
): Uint8Array<ArrayBuffer> {
  const values = target.mode === 'binary' ? [0, 1] : classValues(target);
  if (values.every((v, k) => v === k)) return classes;
  const out = new Uint8Array(classes.length);
  for (let i = 0; i < classes.length; i++) out[i] = values[classes[i]] ?? 0;
  return out;
}
