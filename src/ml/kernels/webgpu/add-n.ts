/**
 * AddN for the WebGPU backend that respects the device's storage-buffer limit.
 *
 * tfjs-backend-webgpu 4.22 binds every addend of `tf.addN` to one shader. With more than
 * `maxStorageBuffersPerShaderStage - 1` of them (7 on a default device) the pipeline is
 * invalid, and that voids the whole batch of GPU commands submitted with it, corrupting
 * unrelated results. Summing the L2 penalty of a U-Net's 19 kernels was enough. This
 * kernel sums in groups the device accepts, then sums the partial sums, exactly as the
 * backend's own Concat already splits its inputs.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { maxShaderInputs, webgpuBackend } from './backend';

/** AddN for the `webgpu` backend; `stock` (the backend's own kernel) sums each group. */
export function makeAddN(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = webgpuBackend(args.backend);
    const limit = maxShaderInputs(backend);
    let terms = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
    let partials: TensorInfo[] = [];
    while (terms.length > limit) {
      const next: TensorInfo[] = [];
      for (let i = 0; i < terms.length; i += limit) {
        // The engine passes AddN's inputs as an array; the stock kernel expects one.
        const group = terms.slice(i, i + limit) as unknown as typeof args.inputs;
        next.push(stock({ ...args, inputs: group }) as TensorInfo);
      }
      for (const p of partials) backend.disposeData(p.dataId);
      partials = next;
      terms = next;
    }
    const sum = stock({ ...args, inputs: terms as unknown as typeof args.inputs }) as TensorInfo;
    for (const p of partials) backend.disposeData(p.dataId);
    return sum;
  };
}
