/**
 * Remembers the start-up backend measurement between visits (localStorage), so that only
 * the first start on a device pays for timing every backend. The worker decides whether a
 * remembered measurement still applies (same browser, cores and GPU adapter).
 */
import type { BackendChoice } from '../../ml/types';

const KEY = 'segstudio.backendChoice';

/** The last measurement, or null when there is none or it cannot be read. */
export function loadBackendChoice(): BackendChoice | null {
  try {
    const text = globalThis.localStorage?.getItem(KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<BackendChoice>;
    return typeof value.fingerprint === 'string' && Array.isArray(value.trials)
      ? (value as BackendChoice)
      : null;
  } catch {
    return null;
  }
}

/** Keeps a fresh measurement; choices that measured nothing are not stored. */
export function saveBackendChoice(choice: BackendChoice): void {
  if (choice.how !== 'measured' && choice.how !== 'fallback') return;
  if (choice.trials.length === 0) return;
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(choice));
  } catch {
    // Storage full or disabled: the next start measures again.
  }
}

/** Forgets the measurement, so that the next 'auto' start measures again. */
export function clearBackendChoice(): void {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
