// The backup file: a .tar.gz of a few named files, encrypted as a whole with a passphrase when it holds
// the key-encryption key. Written under a temporary name and renamed, so a final name never holds half a
// backup; read back only into a private staging directory.
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { syncDirectory, syncFile } from '../config/durableFiles.ts';
import { GatehouseError } from '../model/errors.ts';
import { decryptingStreams, encryptingStream, isEncryptedFile } from './passphraseEnvelope.ts';
import { temporaryFileFor } from './staging.ts';

// Loaded at the first backup or restore: a running server seldom makes one.
let tarLibrary: Promise<typeof import('tar')> | undefined;
const tar = () => (tarLibrary ??= import('tar'));

/** Packs `entries` of `sourceDir` (the first is read first) into `target`, mode 0600; encrypted when a passphrase is given. */
export async function writeArchive(sourceDir: string, entries: string[], target: string, passphrase?: string): Promise<void> {
  const { create } = await tar();
  const temp = temporaryFileFor(target);
  try {
    const packed = create({ gzip: true, cwd: sourceDir, portable: true }, entries) as unknown as Readable;
    const output = createWriteStream(temp, { mode: 0o600, flags: 'wx' });
    const stages: (Readable | Transform)[] = passphrase === undefined ? [packed] : [packed, await encryptingStream(passphrase)];
    await pipeline([...stages, output]);
    syncFile(temp);
    renameSync(temp, target);
    syncDirectory(path.dirname(target));
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code))
      throw new GatehouseError('backup_cannot_write', `cannot write ${target} (${code}); choose a place this user may write to, with room for the backup`);
    throw error;
  }
}

/**
 * Unpacks the archive's regular files named in `limits` (each up to its number of bytes) into `intoDir` (a
 * fresh private directory) and returns the names it held. Nothing else is written: no other name, path,
 * link or directory. An encrypted archive needs the passphrase; a damaged or cut-off one is refused.
 */
export async function readArchive(file: string, intoDir: string, limits: Readonly<Record<string, number>>, passphrase?: string): Promise<Set<string>> {
  const encrypted = isEncryptedFile(file);
  if (encrypted && passphrase === undefined)
    throw new GatehouseError(
      'restore_passphrase_needed',
      `${file} is encrypted (it holds the key-encryption key): give its passphrase (--passphrase-file FILE)`,
    );
  const { extract } = await tar();
  const found = new Set<string>();
  let oversized: string | undefined;
  const unpack = extract({
    cwd: intoDir,
    strict: true,
    preserveOwner: false,
    filter: (entryPath, entry) => {
      const limit = Object.hasOwn(limits, entryPath) ? limits[entryPath]! : -1;
      if (limit < 0 || !('type' in entry) || entry.type !== 'File') return false;
      if ((entry.size ?? 0) > limit) {
        oversized = entryPath;
        return false;
      }
      found.add(entryPath);
      return true;
    },
  });
  const source = encrypted ? await decryptingStreams(file, passphrase!) : [createReadStream(file)];
  try {
    await pipeline([...source, unpack]);
  } catch (error) {
    // The system's own errors (no room, no permission) are about the staging directory, not the file.
    if (error instanceof GatehouseError || /^E[A-Z]+$/.test(String((error as { code?: unknown }).code))) throw error;
    throw new GatehouseError(
      'restore_damaged',
      `${file} is damaged or incomplete (${(error as Error).message.replace(/^zlib: /, '')}); nothing was restored: use another copy of the backup`,
    );
  }
  if (oversized !== undefined)
    throw new GatehouseError('restore_damaged', `${file} holds a ${oversized} far larger than a Gatehouse backup's; it is not one: use another copy`);
  return found;
}
