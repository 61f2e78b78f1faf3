// Flushing to the disk what must outlive a power cut: a file's content, and a new or renamed file's name
// (its directory's entry), for the key files, backups and restores.
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a file (or a directory's entries) to the disk. */
export function syncFile(file: string): void {
  const handle = openSync(file, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Makes a directory's entries durable. Windows cannot open a directory to flush it; its renames and creations are durable as they return. */
export function syncDirectory(directory: string): void {
  if (process.platform !== 'win32') syncFile(directory);
}
