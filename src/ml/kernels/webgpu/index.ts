/**
 * Makes the tfjs WebGPU backend (4.22) train our networks correctly on current WGSL
 * compilers and default device limits. Two stock kernels lead to shaders the device
 * rejects; an invalid pipeline is not an exception but voids every GPU command submitted
 * in the same batch, so training reported wrong losses and Dice scores without any error.
 * This module replaces those two kernels with versions that match the cpu backend.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
import type { KernelFunc } from '@tensorflow/tfjs';
import { makeAddN } from './add-n';
import { makeCast } from './cast';

const FACTORIES: ReadonlyArray<readonly [string, (stock: KernelFunc) => KernelFunc]> = [
  ['Cast', makeCast],
  ['AddN', makeAddN],
];

/** Names of the kernels `registerWebGpuKernelFixes` replaces on the `webgpu` backend. */
export const WEBGPU_FIXED_KERNELS: readonly string[] = FACTORIES.map(([name]) => name);

const installed = new Map<string, KernelFunc>();

/**
 * Replaces the kernels named in `WEBGPU_FIXED_KERNELS` on the `webgpu` backend. Idempotent;
 * works before or after `tf.setBackend('webgpu')`.
 */
export function registerWebGpuKernelFixes(): void {
  for (const [kernelName, make] of FACTORIES) {
    const stock = getKernel(kernelName, 'webgpu');
    if (stock === undefined) throw new Error(`tfjs-backend-webgpu has no ${kernelName} kernel`);
    if (stock.kernelFunc === installed.get(kernelName)) continue;
    const kernelFunc = make(stock.kernelFunc);
    unregisterKernel(kernelName, 'webgpu');
    registerKernel({ ...stock, kernelFunc });
    installed.set(kernelName, kernelFunc);
  }
}
