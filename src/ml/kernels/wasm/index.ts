/**
 * Lets the tfjs WASM backend train our networks, and train them fast.
 *
 * tfjs-backend-wasm 4.22 lacks the gradient kernels of convolutions (backprop fails with
 * "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"), and several kernels
 * the backward pass does find there are scalar loops or copy whole tensors through
 * JavaScript. This module registers the missing kernels and replaces the slow ones; each
 * one matches the cpu backend to float32 precision.
 */
import '@tensorflow/tfjs-backend-wasm';
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { conv2DBackpropFilter } from './conv-backprop-filter';
import { conv2DBackpropInput } from './conv-backprop-input';
import { conv3DBackpropFilter } from './conv3d-backprop-filter';
import { conv3DBackpropInput } from './conv3d-backprop-input';
import { conv3D } from './conv3d-forward';
import { makeComparison } from './compare';
import type { Comparison } from './compare';
import { makeConcat, makeIdentity, makeSplitV } from './copy-kernels';
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise-backprop';
import { maxPoolGrad } from './max-pool-grad';
import { maxPool3DGrad } from './max-pool3d-grad';
import { makeMean, makeSum } from './reduce';
import { unsortedSegmentSum } from './segment-sum';
import { makeBatchToSpace, makeSpaceToBatch } from './space-batch';
import { makeTile } from './tile';

/** Builds a kernel function; `stock` is the backend's own kernel, for cases it keeps. */
type KernelFactory = (stock: KernelFunc | undefined) => KernelFunc;

const always =
  (f: KernelFunc): KernelFactory =>
  () =>
    f;

const FACTORIES: ReadonlyArray<readonly [string, KernelFactory]> = [
  // Missing from the backend.
  ['Conv2DBackpropFilter', always(conv2DBackpropFilter)],
  ['DepthwiseConv2dNativeBackpropFilter', always(depthwiseBackpropFilter)],
  ['DepthwiseConv2dNativeBackpropInput', always(depthwiseBackpropInput)],
  ['UnsortedSegmentSum', always(unsortedSegmentSum)],
  // Present but slow.
  ['Conv2DBackpropInput', always(conv2DBackpropInput)],
  ['MaxPoolGrad', always(maxPoolGrad)],
  // Present as scalar loops: 3-D networks train on them.
  ['Conv3D', always(conv3D)],
  ['Conv3DBackpropInputV2', always(conv3DBackpropInput)],
  ['Conv3DBackpropFilterV2', always(conv3DBackpropFilter)],
  ['MaxPool3DGrad', always(maxPool3DGrad)],
  ['Identity', makeIdentity],
  ['Concat', makeConcat],
  ['SplitV', makeSplitV],
  ['Tile', makeTile],
  ['Sum', makeSum],
  ['Mean', makeMean],
  ['SpaceToBatchND', makeSpaceToBatch],
  ['BatchToSpaceND', makeBatchToSpace],
  ...(['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual'] as Comparison[]).map(
    (op) => [op, (stock: KernelFunc | undefined) => makeComparison(op, stock)] as const,
  ),
];

/** Names of the kernels `registerWasmTrainingKernels` installs on the `wasm` backend. */
export const WASM_TRAINING_KERNELS: readonly string[] = FACTORIES.map(([name]) => name);

const installed = new Map<string, KernelFunc>();

/**
 * Registers the kernels named in `WASM_TRAINING_KERNELS` on the `wasm` backend, replacing
 * stock ones of the same name. Idempotent; works before or after `tf.setBackend('wasm')`.
 */
export function registerWasmTrainingKernels(): void {
  for (const [kernelName, make] of FACTORIES) {
    const stock = getKernel(kernelName, 'wasm');
    if (stock !== undefined && stock.kernelFunc === installed.get(kernelName)) continue;
    const config: KernelConfig = {
      kernelName,
      backendName: 'wasm',
      kernelFunc: make(stock?.kernelFunc),
      // Stock kernels bind their WASM exports in setupFunc; fallbacks still need that.
      setupFunc: stock?.setupFunc,
      disposeFunc: stock?.disposeFunc,
    };
    if (stock !== undefined) unregisterKernel(kernelName, 'wasm');
    registerKernel(config);
    installed.set(kernelName, config.kernelFunc);
  }
}
