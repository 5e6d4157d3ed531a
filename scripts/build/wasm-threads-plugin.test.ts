import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readThreadScripts, threadScriptSource } from './wasm-threads-plugin';

describe('the WASM thread scripts', () => {
  const scripts = readThreadScripts();

  it('are both valid classic scripts', () => {
    expect(() => new Script(scripts.worker)).not.toThrow();
    expect(() => new Script(scripts.module)).not.toThrow();
  });

  it('are the thread entry and the module it imports', () => {
    // The thread entry imports the module script it is sent and starts it by its global name.
    expect(scripts.worker).toContain('importScripts(e.data.urlOrBlob)');
    expect(scripts.worker).toContain('WasmBackendModuleThreadedSimd(Module)');
    expect(scripts.module).toMatch(/^var WasmBackendModuleThreadedSimd = /m);
  });

  it('turns line breaks back into escapes', () => {
    expect(threadScriptSource('print("a\nb")')).toBe('print("a\\nb")');
    expect(() => new Script(threadScriptSource('var s = "x\ny";'))).not.toThrow();
  });
});
