// The desktop's small files (preferences, the backup record, sealed keys and passphrase) are written whole
// under another name and renamed into place, so a crash never leaves half of one.
import { renameSync, writeFileSync } from 'node:fs';

export function writeFileAtomically(file: string, data: string | Buffer, mode?: number): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, data, mode === undefined ? undefined : { mode });
  renameSync(temporary, file);
}
