/**
 * The cross-validations of this browser: kept in memory for the panel and in their own
 * IndexedDB database across visits (the fold runs themselves are ordinary runs, kept with
 * the others), and the evaluation in progress, if any.
 */
import { create } from 'zustand';
import type { CrossValidationStudy } from './study';
import { objectStoreAccess } from '../../shared/idb';

export interface EvaluationProgress {
  study: string;
  done: number;
  total: number;
  current: string;
}

export interface CrossvalState {
  studies: CrossValidationStudy[];
  /** The study whose folds are being trained one after another, if any. */
  driving: string | null;
  evaluating: EvaluationProgress | null;
  /** The last failure or cancellation of a study's action, by study id. */
  messages: Record<string, string>;
  put: (study: CrossValidationStudy) => void;
  remove: (id: string) => void;
  setEvaluating: (p: EvaluationProgress | null) => void;
  setDriving: (id: string | null) => void;
  setMessage: (id: string, message: string | null) => void;
}

export const useCrossval = create<CrossvalState>()((set) => ({
  studies: [],
  driving: null,
  evaluating: null,
  messages: {},
  put: (study) =>
    set((s) => ({
      studies: s.studies.some((x) => x.id === study.id)
        ? s.studies.map((x) => (x.id === study.id ? study : x))
        : [...s.studies, study],
    })),
  remove: (id) => set((s) => ({ studies: s.studies.filter((x) => x.id !== id) })),
  setEvaluating: (evaluating) => set({ evaluating }),
  setDriving: (driving) => set({ driving }),
  setMessage: (id, message) =>
    set((s) => {
      const messages = { ...s.messages };
      if (message === null) delete messages[id];
      else messages[id] = message;
      return { messages };
    }),
}));

const DB_NAME = 'segstudio-crossval';
const STORE = 'studies';

const transact = objectStoreAccess(DB_NAME, STORE, 'id');

/** Keeps the study in memory and in the browser (a storage failure is thrown). */
export async function saveStudy(study: CrossValidationStudy): Promise<void> {
  useCrossval.getState().put(study);
  await transact('readwrite', (s) => s.put(study));
}

export async function deleteStoredStudy(id: string): Promise<void> {
  useCrossval.getState().remove(id);
  await transact('readwrite', (s) => s.delete(id));
}

/** Puts the studies of earlier visits back, oldest first. */
export async function restoreStudies(): Promise<void> {
  let stored: CrossValidationStudy[];
  try {
    stored = await transact('readonly', (s) => s.getAll() as IDBRequest<CrossValidationStudy[]>);
  } catch {
    return; // No IndexedDB (private mode): nothing was kept.
  }
  for (const study of stored.sort((a, b) => a.createdAt - b.createdAt)) {
    if (!useCrossval.getState().studies.some((x) => x.id === study.id)) {
      useCrossval.getState().put(study);
    }
  }
}

/** The study `id` as it is now. */
export function studyOf(id: string): CrossValidationStudy | undefined {
  return useCrossval.getState().studies.find((s) => s.id === id);
}
