/** Browser storage the setup project leaves for the specs: the remembered backend measurement. */
import path from 'node:path';

export const BACKEND_STATE = path.resolve(
  import.meta.dirname,
  '../../test-results/backend-state.json',
);
