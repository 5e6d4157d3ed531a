/**
 * A small read-only window into the store for end-to-end tests, so that they can wait on
 * state (a case loaded, an epoch finished) instead of sleeping.
 */
import { useStudio } from '../store';

declare global {
  interface Window {
    __segstudio?: { state: () => ReturnType<typeof useStudio.getState> };
  }
}

export function exposeTestHook(): void {
  window.__segstudio = { state: () => useStudio.getState() };
}
