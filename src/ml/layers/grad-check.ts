/**
 * Numerical gradient checking for custom layers and ops.
 *
 * The ops in this folder exist because tfjs lacks their gradients, so their correctness is
 * established the classical way: compare autodiff gradients with central finite
 * differences on tiny inputs.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Central-difference gradient of the scalar function `f` at `x`, one element at a time:
 * (f(x + eps e_i) - f(x - eps e_i)) / (2 eps), accumulated in float64.
 */
export function centralDifference(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  eps = 1e-2,
): Float64Array {
  const base = x.dataSync();
  const grad = new Float64Array(base.length);
  const probe = Float32Array.from(base);
  const evaluate = (): number =>
    tf.tidy(() => f(tf.tensor(probe, x.shape, 'float32')).dataSync()[0]);
  for (let i = 0; i < base.length; i++) {
    probe[i] = base[i] + eps;
    const plus = evaluate();
    probe[i] = base[i] - eps;
    const minus = evaluate();
    probe[i] = base[i];
    grad[i] = (plus - minus) / (2 * eps);
  }
  return grad;
}

/**
 * Largest elementwise |a - b| divided by the largest |b| (a scale-aware error that does not
 * blow up on entries that are legitimately zero).
 */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}
