// Who else on this computer can read Gatehouse's data: the directory and its files should be the
// owner's alone (0700 and 0600). Gatehouse creates them so; one it did not create may be looser.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME } from './database.ts';

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/** A sentence naming what other users can read or enter, or undefined when nothing is open. */
export function looseDataDirectoryWarning(dataDir: string, otherFiles: string[]): string | undefined {
  if (process.platform === 'win32') return undefined;
  const files = [`${DATABASE_FILE_NAME}`, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`].map((name) => path.join(dataDir, name)).concat(otherFiles);
  const open = [dataDir, ...files]
    .filter((file) => existsSync(file) && (statSync(file).mode & 0o077) !== 0)
    .map((file) => `${file} (mode ${octal(statSync(file).mode)})`);
  if (open.length === 0) return undefined;
  return `Other users of this computer can read Gatehouse's data: ${open.join(', ')}. Run \`chmod 700 ${dataDir}\` and \`chmod 600\` on its files.`;
}
