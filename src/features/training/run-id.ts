/** Run ids: unique in this browser, and also the ids of the runs' models in the engine. */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
