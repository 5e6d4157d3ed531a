/**
 * Turns what the browser hands us (a drop with files and folders, or a file input) into
 * a flat list of files with their relative paths, so pairing can use folder names
 * (imagesTr/, BraTS case folders) the same way for both entry points.
 */

export interface PickedFile {
  path: string;
  file: File;
}

/** Files from an `<input type="file">`, with folder paths when it was a directory pick. */
export function filesFromInput(list: FileList | null): PickedFile[] {
  if (!list) return [];
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Files from a drop event, walking dropped folders recursively. */
export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(dt.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  // Some drop sources (and synthetic test drops) carry files without entries.
  if (entries.length === 0 || entries.some((e) => e === null)) {
    return Array.from(dt.files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
  }
  const out: PickedFile[] = [];
  for (const entry of entries) if (entry) await walk(entry, '', out);
  return out;
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix + entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ path, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns results in chunks; keep reading until it returns nothing.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) break;
    for (const child of chunk) await walk(child, path + '/', out);
  }
}
