/**
 * Notices when the GPU behind the backend goes away: a WebGPU device is lost (driver
 * reset, another tab taking the GPU, sleep) or a WebGL context is lost. tfjs keeps
 * failing silently afterwards, so the engine reports it and the page restarts the engine
 * and lets the user resume the run from its last checkpoint.
 */
import * as tf from '@tensorflow/tfjs';

interface WebGpuBackendLike {
  device?: { lost?: Promise<{ reason?: string; message?: string }> };
}
interface WebGlBackendLike {
  gpgpu?: { gl?: { canvas?: EventTarget } };
}

/** Calls `onLost` once if the current backend's device is lost; no-op on CPU backends. */
export function watchDeviceLoss(onLost: (reason: string) => void): void {
  const name = tf.getBackend();
  const backend = tf.backend() as unknown as WebGpuBackendLike & WebGlBackendLike;
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
