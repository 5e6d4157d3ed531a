/**
 * Notices when the GPU behind the backend goes away: a WebGPU device is lost (driver
 * reset, another tab taking the GPU, sleep) or a WebGL context is lost. tfjs keeps
 * failing silently afterwards, so the engine reports it and the page restarts the engine
 * and lets the user resume the run from its last checkpoint.
 */
import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs' GPU backends that tell of a lost device. */
export interface GpuBackendLike {
  device?: { lost?: Promise<{ reason?: string; message?: string }> };
  gpgpu?: { gl?: { canvas?: EventTarget } };
}

/**
 * Calls `onLost` once if `backend` (named `name`) loses its device; CPU backends never do.
 */
export function watchBackendDevice(
  name: string,
  backend: GpuBackendLike,
  onLost: (reason: string) => void,
): void {
  let reported = false;
  const report = (reason: string) => {
    if (reported) return;
    reported = true;
    onLost(reason);
  };
  if (name === 'webgpu') {
    void backend.device?.lost?.then((info) =>
      report(`the WebGPU device was lost${info.message ? `: ${info.message}` : ''}`),
    );
  } else if (name === 'webgl') {
    backend.gpgpu?.gl?.canvas?.addEventListener('webglcontextlost', () =>
      report('the WebGL context was lost'),
    );
  }
}

/** Watches the backend tfjs runs on now. */
export function watchDeviceLoss(onLost: (reason: string) => void): void {
  watchBackendDevice(tf.getBackend(), tf.backend() as unknown as GpuBackendLike, onLost);
}
