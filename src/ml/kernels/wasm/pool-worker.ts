/**
 * Entry of a kernel helper thread (pool.ts): given the WASM module's shared memory, the
 * pool's control block and its share index, it reports ready and then serves shares of
 * kernel loops until the pool stops it.
 */
import { helperLoop } from './pool';

interface Start {
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  index: number;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<Start>) => {
  const { memory, control, index } = event.data;
  const serve = helperLoop(memory, control, index);
  scope.postMessage('ready');
  serve();
  scope.close();
};
