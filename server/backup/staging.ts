// Private working files beside the data and the backups (a backup's copy of the database, a restore's
// unpacked archive, a backup file being written), named after the process that makes them: a run killed
// midway leaves them behind, and the next run removes those of processes that are gone, since a leftover
// may hold a copy of the database and even the key-encryption key.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** `.backup-<pid>-XXXXXX` and `.restore-<pid>-XXXXXX`. */
const STAGE = /^\.(?:backup|restore)-(\d+)-[^.]+$/;
/** `.<backup file name>.partial-<pid>-<time>`, what `temporaryFileFor` names. */
const PARTIAL = /^\.gatehouse-backup-.+\.partial-(\d+)-\d+$/;

/** A new private (0700) folder in `dir` for a backup or a restore, once those left by killed runs are gone. */
export function createStage(dir: string, kind: 'backup' | 'restore'): string {
  removeLeftovers(dir, STAGE);
  return mkdtempSync(path.join(dir, `.${kind}-${process.pid}-`));
}

/** The name a backup file is written under until it is whole, once those left by killed runs are gone. */
export function temporaryFileFor(target: string): string {
  removeLeftovers(path.dirname(target), PARTIAL);
  return path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${Date.now()}`);
}

/** Whether a process runs: EPERM means it does, as another user's. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeLeftovers(dir: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? 0);
    if (pid > 0 && pid !== process.pid && !processAlive(pid)) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
