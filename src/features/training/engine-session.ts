/**
 * The page's one engine: started on first use on the preferred backend (reusing this
 * device's remembered measurement), restarted when its worker dies or its GPU is lost,
 * and kept in step with the dataset (cases are sent once and re-sent only when they
 * change). Whatever happens to the engine is said in the header and, for a failure, in
 * the problem list; the runs that it interrupts are marked resumable.
 */
import { createEngineClient, type EngineClient } from '../../engine/client';
import type { EngineEvent } from '../../engine/api';
import type { BackendPreference } from '../../ml/types';
import { useStudio } from '../../store';
import { clearBackendChoice, loadBackendChoice, saveBackendChoice } from './backend-cache';
import { CaseSync } from './case-sync';

let client: EngineClient | null = null;
let starting: Promise<EngineClient> | null = null;
let preference: BackendPreference = 'auto';
let sync = new CaseSync();
const eventListeners = new Set<(event: EngineEvent) => void>();
const lostListeners = new Set<(reason: string) => void>();

/** Whether the engine is up (its backend chosen). */
export function engineReady(): boolean {
  return client !== null && !client.closed;
}

/** The engine if it is up now, else null (for messages that only matter to a live engine). */
export function engineIfReady(): EngineClient | null {
  return client && !client.closed ? client : null;
}

/** Hears every event of every engine this page starts. */
export function onEngineEvent(listener: (event: EngineEvent) => void): () => void {
  eventListeners.add(listener);
  return () => void eventListeners.delete(listener);
}

/** Hears that the engine stopped unexpectedly (before it is restarted). */
export function onEngineLost(listener: (reason: string) => void): () => void {
  lostListeners.add(listener);
  return () => void lostListeners.delete(listener);
}

function report(message: string): void {
  useStudio.getState().reportProblems([{ path: 'engine', message }]);
}

/** The engine stopped (crash, lost GPU): tell, let runs be marked, start a new one. */
function lost(c: EngineClient, reason: string): void {
  if (client !== c) return;
  client = null;
  starting = null;
  for (const l of lostListeners) l(reason);
  report(
    `The compute engine stopped: ${reason}. It was restarted; interrupted runs can be resumed from their last checkpoint.`,
  );
  void c.dispose().catch(() => undefined);
  engine().catch((e: unknown) => setFailed(e));
}

function setFailed(e: unknown): void {
  useStudio
    .getState()
    .setBackendLabel(`backend failed: ${e instanceof Error ? e.message : String(e)}`);
}

async function start(): Promise<EngineClient> {
  const c = createEngineClient();
  c.subscribe((event) => {
    if (event.type === 'backend-lost') lost(c, event.reason);
    for (const l of eventListeners) l(event);
  });
  c.onClosed((reason) => lost(c, reason));
  const cached = loadBackendChoice();
  const s = useStudio.getState();
  if (preference === 'auto' && !cached) {
    s.setBackendLabel('backend: starting, measuring which backend trains fastest…');
  }
  const ready = await c.init({ backend: preference, cached });
  saveBackendChoice(ready.choice);
  s.setBackendLabel(`${ready.backend} · ${ready.adapter}`);
  s.setBackendChoice(ready.choice);
  s.setBackendRunning({ backend: ready.backend, adapter: ready.adapter });
  sync = new CaseSync();
  client = c;
  return c;
}

/** The engine, started on first use (see the module comment). */
export function engine(): Promise<EngineClient> {
  if (client && !client.closed) return Promise.resolve(client);
  starting ??= start().catch((e: unknown) => {
    starting = null;
    throw e;
  });
  return starting;
}

/** The engine with the current dataset sent to it. */
export async function engineWithCases(): Promise<EngineClient> {
  const c = await engine();
  await sync.send(c);
  return c;
}

/** Lets the case sync know that the engine already has a change (e.g. a drawn slice). */
export function caseSync(): CaseSync {
  return sync;
}

/**
 * Restarts the engine on another backend; models and checkpoints stay in the engine's
 * storage. `remeasure` forgets the remembered measurement first, so that 'auto' times
 * every backend again.
 */
export async function switchBackend(
  next: BackendPreference,
  options: { remeasure?: boolean } = {},
): Promise<void> {
  const old = client;
  client = null;
  starting = null;
  preference = next;
  if (options.remeasure) clearBackendChoice();
  useStudio.getState().setBackendChoice(null);
  useStudio.getState().setBackendRunning(null);
  if (old) await old.dispose().catch(() => undefined);
  useStudio.getState().setBackendLabel(`backend: starting ${next}…`);
  await engine();
}
