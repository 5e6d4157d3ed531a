/**
 * The commands' file system work: listing a data folder for the bench page (every file
 * below it, hidden folders skipped, with the path relative to the folder that pairing
 * works from), and writing a results file.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file found below a folder. */
export interface ListedFile {
  absolute: string;
  /** Path below the folder, '/'-separated. */
  relative: string;
  size: number;
}

/** A folder argument that does not name a readable directory. */
export class FolderArgumentError extends Error {
  override name = 'FolderArgumentError';
}

/** Every file below `dir`, sorted by relative path; throws if `dir` is not a directory. */
export async function listFolder(dir: string): Promise<ListedFile[]> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info) throw new FolderArgumentError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new FolderArgumentError(`${dir}: not a folder`);
  const out: ListedFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const name of await readdir(folder)) {
      const absolute = path.join(folder, name);
      // stat follows symbolic links, so linked data folders are read like real ones.
      const entry = await stat(absolute).catch(() => null);
      if (entry?.isDirectory() && !name.startsWith('.')) await walk(absolute);
      else if (entry?.isFile()) {
        const relative = path.relative(root, absolute).split(path.sep).join('/');
        out.push({ absolute, relative, size: entry.size });
      }
    }
  };
  await walk(root);
  return out.sort((a, b) => a.relative.localeCompare(b.relative));
}

/** Writes `value` as indented JSON to `file`, creating its folder. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
