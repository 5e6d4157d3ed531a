/**
 * The decision half of choosing a backend by measurement, without tfjs: which trial wins,
 * the sentence that says why, and whether an earlier measurement still applies.
 */
import type { BackendChoice, BackendName, BackendTrial } from '../types';

/** Relative loss difference from the cpu reference that still counts as training correctly. */
export const PROBE_TOLERANCE = 1e-3;

/** Input edge and batch of the timed network (the default U-Net at a size that times quickly). */
export const PROBE_TIMING = { inputSize: 64, batchSize: 4 } as const;

/** What the figures of a measurement are, for people. */
export const PROBE_WORKLOAD = `default U-Net training step, ${PROBE_TIMING.inputSize}x${PROBE_TIMING.inputSize}, batch ${PROBE_TIMING.batchSize}`;

/** Bumped whenever the probe changes, so that measurements of an older probe are redone. */
export const PROBE_VERSION = 3;

/**
 * Thread counts the measurement times the WASM backend with: 1, 2 and every core
 * (`cores`, navigator.hardwareConcurrency), none above `max`. On a busy or small CPU more
 * threads can be slower, so the count is measured like the backend.
 */
export function threadCandidates(cores: number, max: number): number[] {
  const all = Math.max(1, Math.min(Number.isFinite(cores) ? Math.floor(cores) : 1, max));
  return [...new Set([1, 2, all])].filter((n) => n <= all).sort((a, b) => a - b);
}

/** Threads of the fastest correct, timed trial of `backend`; null when it has none. */
export function bestThreads(trials: readonly BackendTrial[], backend: BackendName): number | null {
  return fastestTrial(trials.filter((t) => t.backend === backend))?.threads ?? null;
}

/** Largest relative difference between `losses` and `reference` (Infinity if any is not finite). */
export function maxRelativeError(reference: readonly number[], losses: readonly number[]): number {
  if (losses.length !== reference.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i])) return Infinity;
    const scale = Math.max(Math.abs(reference[i]), 1e-6);
    worst = Math.max(worst, Math.abs(losses[i] - reference[i]) / scale);
  }
  return worst;
}

/**
 * A backend this many times slower than the fastest so far on the check network's steps
 * (and slower than {@link CHECK_FLOOR_MS}, well above a GPU's per-step dispatch cost on
 * such a small network) cannot win on the larger one.
 */
export const LOSING_FACTOR = 3;
export const CHECK_FLOOR_MS = 250;

/**
 * Why a backend that took `checkMs` per check step need not be timed further, given the
 * fastest trial so far; null when it should be timed. This spares an emulated GPU's
 * tens of seconds on the timing network.
 */
export function outpaced(checkMs: number, fastest: BackendTrial | null): string | null {
  const bar = fastest?.checkMsPerStep;
  if (!fastest || bar == null || !(bar > 0)) return null;
  if (checkMs <= Math.max(CHECK_FLOOR_MS, LOSING_FACTOR * bar)) return null;
  const ratio = checkMs / bar;
  const times = ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toString();
  return `${times}x slower than ${trialName(fastest)} on the check network, not timed further`;
}

/** The correct trial with the fewest ms per step; null when none is correct and timed. */
export function fastestTrial(trials: readonly BackendTrial[]): BackendTrial | null {
  let best: BackendTrial | null = null;
  for (const t of trials) {
    if (!t.ok || t.msPerStep === null) continue;
    if (!best || t.msPerStep < (best.msPerStep as number)) best = t;
  }
  return best;
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms/step`;
}

/** The backend of a trial, with its threads when it was timed per thread count. */
export function trialName(t: Pick<BackendTrial, 'backend' | 'threads'>): string {
  if (t.threads === undefined) return t.backend;
  return `${t.backend} (${t.threads} thread${t.threads === 1 ? '' : 's'})`;
}

/** A trial in a few words: "webgpu 2,400 ms/step", or why it lost. */
export function describeTrial(t: BackendTrial): string {
  if (t.ok && t.msPerStep !== null) return `${trialName(t)} ${ms(t.msPerStep)}`;
  return `${trialName(t)}: ${t.note || 'not usable'}`;
}

/** Why `winner` was picked, naming every other trial's figure or failure. */
export function measuredReason(winner: BackendTrial, trials: readonly BackendTrial[]): string {
  const others = trials.filter((t) => t !== winner).map(describeTrial);
  const head = `fastest backend that trains correctly: ${describeTrial(winner)}`;
  return others.length > 0 ? `${head} (${others.join('; ')})` : head;
}

/** The identity of what a measurement depends on. */
export function deviceFingerprint(parts: {
  userAgent: string;
  cores: number;
  gpuAdapter: string | null;
}): string {
  return [
    `probe v${PROBE_VERSION}`,
    parts.userAgent,
    `${parts.cores} cores`,
    parts.gpuAdapter ?? 'no WebGPU adapter',
  ].join(' | ');
}

/** The backend an earlier measurement picked, if it was made on this device by this probe. */
export function reusableChoice(
  cached: BackendChoice | null | undefined,
  fingerprint: string,
): BackendName | null {
  if (!cached || cached.fingerprint !== fingerprint || !cached.picked) return null;
  const trial = cached.trials.find((t) => t.backend === cached.picked);
  return trial?.ok ? cached.picked : null;
}
