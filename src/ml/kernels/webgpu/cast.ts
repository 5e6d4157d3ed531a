/**
 * Cast to float32 for tensors the WebGPU backend stores as 32-bit integers.
 *
 * tfjs-backend-webgpu 4.22 "casts" bool and int32 tensors to float32 by relabelling the
 * integer buffer, not by converting it. Most shaders then convert on read, but the stock
 * Transpose shader (which Sum, Mean and others run internally whenever they reduce
 * leading axes) copies `A[i]` into a float output, which current WGSL compilers reject
 * (tensorflow/tfjs issue 8638). An invalid pipeline raises no exception: it voids the whole
 * batch of GPU commands it was submitted with, so unrelated kernels return stale memory.
 * Counting hard-Dice pixels, `sum(cast(p >= 0.5, 'float32'), [0, 1, 2])`, was enough to
 * corrupt training losses and scores.
 *
 * This kernel converts such tensors into a real float32 buffer, so no relabelled buffer
 * ever reaches another shader. Every other cast is left to the stock kernel.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { webgpuBackend } from './backend';

/** Whether the backend keeps `x` in an i32 buffer (bool, int32, or a relabelled cast). */
export function storedAsInt32(backend: WebGPUBackend, x: TensorInfo): boolean {
  const stored = backend.tensorMap.get(x.dataId).dtype;
  return stored === 'int32' || stored === 'bool';
}

/** Element-wise i32 -> f32 conversion into a new buffer. */
class IntToFloatProgram implements WebGPUProgram {
  readonly variableNames = ['A'];
  readonly workgroupSize: [number, number, number] = [128, 1, 1];
  readonly size = true;
  readonly shaderKey = 'int_to_float';
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];

  constructor(readonly outputShape: number[]) {
    this.dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
    this.dispatch = webgpu_util.computeDispatch(
      this.dispatchLayout,
      outputShape,
      this.workgroupSize,
    );
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          setOutputAtIndex(index, f32(A[index]));
        }
      }
    `;
  }
}

/**
 * Cast for the `webgpu` backend: integer-stored tensors cast to float32 are converted by
 * {@link IntToFloatProgram}; every other cast goes to `stock`, the backend's own kernel.
 */
export function makeCast(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = webgpuBackend(args.backend);
    const x = args.inputs.x;
    if (x === undefined) throw new Error("Missing kernel input 'x'.");
    if (args.attrs?.dtype !== 'float32' || !storedAsInt32(backend, x)) return stock(args);
    return backend.runWebGPUProgram(new IntToFloatProgram([...x.shape]), [x], 'float32');
  };
}
