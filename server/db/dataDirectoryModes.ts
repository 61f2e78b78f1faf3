// Who else on this computer can read Gatehouse's data: the directory and its files should be the
// owner's alone (0700 and 0600). Gatehouse creates them so; one it did not create may be looser.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LooseFile, OwnerNotice } from '../model/ownerNotices.ts';
import { DATABASE_FILE_NAME } from './database.ts';

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/** What other users can read or enter, as the overview's warning, or undefined when nothing is open. */
export function looseDataDirectoryNotice(dataDir: string, otherFiles: string[]): OwnerNotice | undefined {
  if (process.platform === 'win32') return undefined;
  const files = [`${DATABASE_FILE_NAME}`, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`].map((name) => path.join(dataDir, name)).concat(otherFiles);
  const open: LooseFile[] = [dataDir, ...files]
    .filter((file) => existsSync(file) && (statSync(file).mode & 0o077) !== 0)
    .map((file) => ({ path: file, mode: octal(statSync(file).mode) }));
  if (open.length === 0) return undefined;
  const listed = open.map((file) => `${file.path} (mode ${file.mode})`).join(', ');
  return {
    id: 'data_directory_modes',
    severity: 'warning',
    message: `Other users of this computer can read Gatehouse's data: ${listed}. Run \`chmod 700 ${dataDir}\` and \`chmod 600\` on its files.`,
    values: { dataDir },
    files: open,
  };
}
