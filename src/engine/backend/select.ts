/**
 * Chooses and initialises the tfjs backend the worker computes on. 'auto' measures: every
 * backend that starts is checked against the cpu backend and timed on a few training
 * steps (WASM once per thread count: 1, 2 and every core), and the fastest correct one
 * wins. The measurement is cached by the page per device, so later starts only re-check
 * that the winner still starts.
 */
import type {
  BackendChoice,
  BackendInfo,
  BackendName,
  BackendPreference,
  BackendTrial,
} from '../../ml/types';
import {
  bestThreads,
  deviceFingerprint,
  fastestTrial,
  measuredReason,
  reusableChoice,
  threadCandidates,
} from '../../ml/backend/choice';
import { measureCurrentBackend, referenceLosses } from '../../ml/backend/probe';
import {
  candidateBackends,
  describeWebGpu,
  hardwareThreads,
  startBackend,
  type StartedBackend,
} from './start';

export { candidateBackends } from './start';

/** Probed cheapest first, so a slow GPU emulation is timed after the baseline is known. */
const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl'];
/** Threads the threaded WASM build can run (Emscripten starts 8 thread workers). */
const MAX_WASM_THREADS = 8;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function fingerprint(): Promise<string> {
  const gpu = await describeWebGpu().catch(() => null);
  return deviceFingerprint({
    userAgent: globalThis.navigator?.userAgent ?? 'unknown browser',
    cores:
      (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ??
      0,
    gpuAdapter: gpu,
  });
}

function failedTrial(backend: BackendName, note: string, threads?: number): BackendTrial {
  return {
    backend,
    adapter: null,
    ...(threads === undefined ? {} : { threads }),
    msPerStep: null,
    checkMsPerStep: null,
    maxRelError: null,
    ok: false,
    note,
  };
}

/** The runs a probe makes: every backend once, WASM once per candidate thread count. */
function probePlan(): { backend: BackendName; threads?: number }[] {
  return PROBE_ORDER.flatMap((backend): { backend: BackendName; threads?: number }[] =>
    backend === 'wasm'
      ? threadCandidates(hardwareThreads(), MAX_WASM_THREADS).map((threads) => ({
          backend,
          threads,
        }))
      : [{ backend }],
  );
}

/** Checks and times every backend that starts; returns the trials in probe order. */
export async function probeBackends(failures: BackendInfo['failures']): Promise<BackendTrial[]> {
  const reference = await referenceLosses();
  const trials: BackendTrial[] = [];
  for (const { backend, threads } of probePlan()) {
    let started: StartedBackend;
    try {
      started = await startBackend(backend, threads);
    } catch (e) {
      failures.push({ backend, message: message(e) });
      trials.push(failedTrial(backend, message(e), threads));
      continue;
    }
    // A thread count the threaded build could not start ran on fewer threads: timed already.
    if (threads !== undefined && started.threads !== threads) continue;
    // Threads cost little to time and help on the timing network more than on the small
    // check network, so every thread count is timed in full.
    const rival = threads === undefined ? fastestTrial(trials) : null;
    const trial = await measureCurrentBackend(reference, started.adapter, rival);
    trials.push(started.threads === undefined ? trial : { ...trial, threads: started.threads });
  }
  return trials;
}

function info(
  backend: BackendName,
  started: StartedBackend,
  failures: BackendInfo['failures'],
  choice: BackendChoice,
): BackendInfo {
  return {
    backend,
    adapter: started.adapter,
    ...(started.threads === undefined ? {} : { threads: started.threads }),
    available: candidateBackends(),
    failures,
    choice,
  };
}

/**
 * Initialises the backend to compute on: `preference` itself, or for 'auto' (and when the
 * preference fails) the measured choice, reusing `cached` when it was measured on this
 * device. The cpu backend is the last resort, used when nothing else trains correctly.
 * `threads` fixes WASM's thread count; otherwise the measured best (or every core) is used.
 */
export async function selectBackend(
  preference: BackendPreference,
  cached: BackendChoice | null = null,
  threads?: number,
): Promise<BackendInfo> {
  const failures: BackendInfo['failures'] = [];
  const print = await fingerprint();
  const reuse = reusableChoice(cached, print);
  const measuredThreads = (backend: BackendName) =>
    threads ?? (reuse && cached ? bestThreads(cached.trials, backend) : null) ?? undefined;
  const base = { fingerprint: print, measuredAt: null, picked: null, trials: [] };
  if (preference !== 'auto') {
    try {
      const started = await startBackend(preference, measuredThreads(preference));
      const reason = `${preference} chosen by you`;
      return info(preference, started, failures, { ...base, how: 'requested', reason });
    } catch (e) {
      failures.push({ backend: preference, message: message(e) });
    }
  }
  const fallback = failures.length > 0 ? `${preference} failed (${failures[0].message}); ` : '';
  if (reuse && cached) {
    try {
      const started = await startBackend(reuse, measuredThreads(reuse));
      const when = cached.measuredAt ? ` on ${cached.measuredAt.slice(0, 10)}` : '';
      const choice: BackendChoice = {
        ...cached,
        how: fallback ? 'fallback' : 'cached',
        reason: `${fallback}measured${when}: ${cached.reason}`,
      };
      return info(reuse, started, failures, choice);
    } catch (e) {
      failures.push({ backend: reuse, message: message(e) });
    }
  }
  const trials = await probeBackends(failures);
  const winner = fastestTrial(trials);
  const backend = winner?.backend ?? 'cpu';
  const started = await startBackend(backend, threads ?? winner?.threads);
  const reason = winner
    ? measuredReason(winner, trials)
    : `no other backend trained correctly (${trials.map((t) => `${t.backend}: ${t.note}`).join('; ')})`;
  const choice: BackendChoice = {
    how: fallback ? 'fallback' : 'measured',
    reason: fallback + reason,
    fingerprint: print,
    measuredAt: new Date().toISOString(),
    picked: backend,
    trials,
  };
  return info(backend, started, failures, choice);
}
