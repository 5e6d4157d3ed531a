import { describe, expect, it } from 'vitest';
import { watchBackendDevice } from './device-loss';

describe('watching the GPU device', () => {
  it('reports a lost WebGPU device once, with its message', async () => {
    let lose: (info: { message: string }) => void = () => undefined;
    const lost = new Promise<{ message: string }>((r) => (lose = r));
    const reasons: string[] = [];
    watchBackendDevice('webgpu', { device: { lost } }, (r) => reasons.push(r));
    expect(reasons).toEqual([]);
    lose({ message: 'device was destroyed' });
    await lost;
    await Promise.resolve();
    expect(reasons).toEqual(['the WebGPU device was lost: device was destroyed']);
  });

  it('reports a lost WebGL context once, and nothing for CPU backends', () => {
    const canvas = new EventTarget();
    const reasons: string[] = [];
    watchBackendDevice('webgl', { gpgpu: { gl: { canvas } } }, (r) => reasons.push(r));
    canvas.dispatchEvent(new Event('webglcontextlost'));
    canvas.dispatchEvent(new Event('webglcontextlost'));
    expect(reasons).toEqual(['the WebGL context was lost']);
    expect(() => watchBackendDevice('wasm', {}, () => reasons.push('x'))).not.toThrow();
    expect(reasons).toHaveLength(1);
  });
});
