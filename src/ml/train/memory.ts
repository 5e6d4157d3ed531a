/**
 * How much memory a training step takes, estimated before a run starts, and the batch and
 * patch that fit a device. 3-D networks are where this matters: one 64x64x16 patch of the
 * studio's 3-D FC-DenseNet needs about 1 GB, and the WASM heap ends at 4 GB.
 *
 * A step holds every layer's output for the backward pass, the gradients flowing back,
 * the intermediate tensors of the ops inside layers (batch norm's, bias additions,
 * concatenations) and the convolution kernels' work buffers. Measured with tf.profile on
 * the WASM backend, whose batch normalization trains through one fused kernel, its peak
 * is 3.7 times the layer outputs for both 3-D networks (5.7 and 7.1 times before that
 * kernel); the estimate takes 4.5 times, plus the weights six times over (weights,
 * gradients, Adam's two moments, the moving average and the best weights). GPU backends
 * compose that batch normalization from tfjs ops and hold more, but their budget is half
 * the device, not the WASM heap.
 * Pure: the Train panel computes it without tfjs, from the architecture's own counts.
 */
import { architecture, type ModelSpec } from '../models';
import type { BackendName } from '../types';

/** Peak tensor bytes of a step per byte of layer outputs (see above). */
export const ACTIVATION_FACTOR = 4.5;
/** Copies of the weights a run keeps. */
export const WEIGHT_COPIES = 6;
const GB = 1024 ** 3;
/** The WASM heap's ceiling (32-bit addresses), less room for everything else in it. */
const WASM_HEAP = 3.5 * GB;

/** Bytes of one training step, and their parts. */
export interface MemoryEstimate {
  bytes: number;
  activationBytes: number;
  weightBytes: number;
}

/** The estimate for `spec` at `batch`, or null when its architecture gives no counts. */
export function estimateTrainingMemory(spec: ModelSpec, batch: number): MemoryEstimate | null {
  const def = architecture(spec.architecture.kind);
  const typed = spec as Parameters<NonNullable<typeof def.activations>>[0];
  const floats = def.activations?.(typed);
  const params = def.parameters?.(typed);
  if (floats === undefined || params === undefined) return null;
  const activationBytes = 4 * ACTIVATION_FACTOR * batch * floats;
  const weightBytes = 4 * WEIGHT_COPIES * params;
  return { bytes: activationBytes + weightBytes, activationBytes, weightBytes };
}

/**
 * Bytes a run may use: half the device's memory (`navigator.deviceMemory`, in GB; 4 when
 * the browser does not say), and no more than the WASM heap holds on the wasm backend.
 */
export function memoryBudget(
  deviceMemoryGB: number | undefined,
  backend: BackendName | null,
): number {
  const device = (deviceMemoryGB !== undefined && deviceMemoryGB > 0 ? deviceMemoryGB : 4) * GB;
  const half = device / 2;
  return backend === 'wasm' ? Math.min(half, WASM_HEAP) : half;
}

/**
 * The largest batch up to `batch`, and failing that the largest in-plane patch edge (in
 * steps of the architecture's multiple) at batch 1, whose step fits `budget` bytes; null
 * when not even the smallest patch fits, or the architecture gives no counts.
 */
export function fitToMemory(
  spec: ModelSpec,
  batch: number,
  budget: number,
): { inputSize: number; batch: number } | null {
  for (let b = batch; b >= 1; b--) {
    const e = estimateTrainingMemory(spec, b);
    if (e === null) return null;
    if (e.bytes <= budget) return { inputSize: spec.inputSize, batch: b };
  }
  const step = architecture(spec.architecture.kind).inputMultiple(spec.architecture);
  for (let size = spec.inputSize - step; size >= step; size -= step) {
    const e = estimateTrainingMemory({ ...spec, inputSize: size }, 1);
    if (e !== null && e.bytes <= budget) return { inputSize: size, batch: 1 };
  }
  return null;
}

function amount(bytes: number): string {
  return bytes >= GB
    ? `${(bytes / GB).toFixed(1)} GB`
    : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

/** One line for the Train panel: the estimate against the budget. */
export function describeMemory(spec: ModelSpec, batch: number, budget: number): string | null {
  const e = estimateTrainingMemory(spec, batch);
  if (e === null) return null;
  const patch = spec.patchDepth
    ? `${spec.inputSize}×${spec.inputSize}×${spec.patchDepth} patches`
    : `${spec.inputSize}² slices`;
  const verdict = e.bytes <= budget ? 'fits' : 'does not fit';
  return `Memory: about ${amount(e.bytes)} per training step (batch ${batch} of ${patch}); ${verdict} in the ${amount(budget)} this device allows.`;
}
