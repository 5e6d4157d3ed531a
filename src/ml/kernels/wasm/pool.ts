/**
 * Runs the shares of a kernel loop (parallel-tasks.ts). tfjs kernels are synchronous, so a
 * kernel that splits its loop hands the other shares to helper threads blocked on a
 * shared control block, does share 0 itself, and blocks (Atomics.wait, allowed in
 * workers) until every helper has finished. The helpers see the WASM module's shared
 * memory, so nothing is copied. Without helpers (the single-threaded build, Node), every
 * share runs here in turn, which is also how the splitting is tested.
 */
import { TASKS, type TaskId } from './parallel-tasks';

/** Control block layout: Int32 slots, then the task's arguments as float64. */
const GEN = 0;
const PENDING = 1;
const TASK = 2;
const PARTS = 3;
const FAILED = 4;
const STOP = 5;
const ARGS_BYTE_OFFSET = 64;
const MAX_ARGS = 32;
export const CONTROL_BYTES = ARGS_BYTE_OFFSET + MAX_ARGS * 8;

/** What kernels use to run a split loop. */
export interface KernelPool {
  /** Threads a loop can be split over (1: no helpers). */
  readonly threads: number;
  /** Runs shares 0..parts-1 of `task` on `heap` (the WASM memory's current buffer). */
  run(task: TaskId, args: readonly number[], parts: number, heap: ArrayBufferLike): void;
}

function argsArray(args: readonly number[]): Float64Array {
  if (args.length > MAX_ARGS) throw new Error(`kernel task takes at most ${MAX_ARGS} arguments`);
  return Float64Array.from(args);
}

/** Every share on the calling thread, in order; `threads` only sets how many shares there are. */
export function serialPool(threads = 1): KernelPool {
  return {
    threads,
    run(task, args, parts, heap) {
      const a = argsArray(args);
      for (let p = 0; p < parts; p++) TASKS[task](heap, a, p, parts);
    },
  };
}

/** The calling side of a pool whose `helpers` threads run `helperLoop` on `control`. */
export function sharedPool(control: SharedArrayBuffer, helpers: number): KernelPool {
  const ctrl = new Int32Array(control, 0, ARGS_BYTE_OFFSET / 4);
  const argv = new Float64Array(control, ARGS_BYTE_OFFSET, MAX_ARGS);
  return {
    threads: helpers + 1,
    run(task, args, parts, heap) {
      const n = Math.max(1, Math.min(parts, helpers + 1));
      argv.set(argsArray(args));
      const mine = argv.slice(0, args.length);
      if (n === 1) {
        TASKS[task](heap, mine, 0, 1);
        return;
      }
      ctrl[TASK] = task;
      ctrl[PARTS] = n;
      ctrl[FAILED] = 0;
      Atomics.store(ctrl, PENDING, helpers);
      Atomics.add(ctrl, GEN, 1);
      Atomics.notify(ctrl, GEN);
      try {
        TASKS[task](heap, mine, 0, n);
      } finally {
        // The helpers still use the heap and the control block: wait for them either way.
        for (let left = Atomics.load(ctrl, PENDING); left !== 0; ) {
          Atomics.wait(ctrl, PENDING, left);
          left = Atomics.load(ctrl, PENDING);
        }
      }
      if (ctrl[FAILED] !== 0) throw new Error('a kernel thread failed');
    },
  };
}

/**
 * A helper thread's life: wait for the next task, do share `index` of it when it has one,
 * report, until the pool stops. `memory` is the WASM memory (its buffer is read per task,
 * since the memory grows).
 */
export function helperLoop(
  memory: WebAssembly.Memory,
  control: SharedArrayBuffer,
  index: number,
): () => void {
  const ctrl = new Int32Array(control, 0, ARGS_BYTE_OFFSET / 4);
  const argv = new Float64Array(control, ARGS_BYTE_OFFSET, MAX_ARGS);
  // Read before the helper reports ready: tasks posted after this are its to serve.
  let seen = Atomics.load(ctrl, GEN);
  return () => {
    for (;;) {
      Atomics.wait(ctrl, GEN, seen);
      const gen = Atomics.load(ctrl, GEN);
      if (gen === seen) continue;
      seen = gen;
      if (Atomics.load(ctrl, STOP) !== 0) return;
      const parts = ctrl[PARTS];
      try {
        if (index < parts) TASKS[ctrl[TASK] as TaskId](memory.buffer, argv, index, parts);
      } catch {
        Atomics.store(ctrl, FAILED, 1);
      }
      if (Atomics.sub(ctrl, PENDING, 1) === 1) Atomics.notify(ctrl, PENDING);
    }
  };
}

/** Wakes the helpers of `control` so that they end. */
export function stopHelpers(control: SharedArrayBuffer): void {
  const ctrl = new Int32Array(control, 0, ARGS_BYTE_OFFSET / 4);
  Atomics.store(ctrl, STOP, 1);
  Atomics.add(ctrl, GEN, 1);
  Atomics.notify(ctrl, GEN);
}

let current: KernelPool = serialPool();

/** The pool kernels split their loops over. */
export function kernelPool(): KernelPool {
  return current;
}

/** Installs `pool` (null: back to running every loop on the calling thread). */
export function setKernelPool(pool: KernelPool | null): void {
  current = pool ?? serialPool();
}

/** Shares worth splitting `work` elements into: 1 below `minPerShare` per share. */
export function sharesFor(pool: KernelPool, work: number, minPerShare = 16384): number {
  return Math.max(1, Math.min(pool.threads, Math.floor(work / minPerShare)));
}
