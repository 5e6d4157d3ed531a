/**
 * Access to the real MRI in ../shared/data for end-to-end tests. The data never enters
 * the repository; specs skip with a clear reason when it is absent (a user's clone).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DATA_DIR = path.resolve(import.meta.dirname, '../../../shared/data');
export const HAS_DATA = existsSync(path.join(DATA_DIR, 'promise12'));
export const NO_DATA_REASON = `real data not found at ${DATA_DIR}`;

/** Absolute path of a file under shared/data. */
export function dataFile(relative: string): string {
  return path.join(DATA_DIR, relative);
}

export function dataBytes(relative: string): Buffer {
  return readFileSync(dataFile(relative));
}
