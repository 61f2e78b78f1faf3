// `gatehouse backup` and the desktop's scheduled backups: a consistent snapshot of the database, taken
// beside a running server, with a manifest, packed into one file; the key-encryption key only when asked
// for, and then the whole file is encrypted with a passphrase.
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EncryptionKeyError, type EncryptionKeySource, resolveEncryptionKey } from '../config/encryptionKey.ts';
import type { GatehouseOptions } from '../config/options.ts';
import { GATEHOUSE_VERSION } from '../config/version.ts';
import { DATABASE_FILE_NAME, schemaVersion } from '../db/database.ts';
import { readKeyFingerprint } from '../db/keyState.ts';
import { keyFingerprint } from '../db/sealed.ts';
import { readServedIssuer } from '../db/settings.ts';
import { countSnapshot, databaseExists, openSnapshot, snapshotDatabase } from '../db/snapshot.ts';
import { GatehouseError } from '../model/errors.ts';
import { writeArchive } from './archive.ts';
import { fileDigest } from './fileDigest.ts';
import { BACKUP_FORMAT, type BackupManifest, DATABASE_ENTRY, KEY_ENTRY, MANIFEST_FILE } from './manifest.ts';
import { checkPassphrase } from './passphraseEnvelope.ts';
import { createStage } from './staging.ts';

export interface BackupRequest {
  /** A file to write, or a directory to write a file with the default name into (default: the current directory). */
  output?: string;
  /** Put the key-encryption key in the backup, encrypting the whole file with this passphrase. */
  includeKey?: { passphrase: string };
  /** The time the backup is made at (its name and manifest), in milliseconds. */
  now?: number;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  /** Where the key-encryption key that opens the backup's data lives (a file, or `environment`); null when it was not found there. */
  keyOrigin: string | null;
}

export async function createBackup(options: GatehouseOptions, request: BackupRequest = {}): Promise<BackupResult> {
  const now = request.now ?? Date.now();
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  if (!databaseExists(databaseFile))
    throw new GatehouseError(
      'backup_no_database',
      `there is no Gatehouse database in ${options.dataDir} to back up; give the data directory the server uses (--data-dir)`,
    );
  if (request.includeKey) checkPassphrase(request.includeKey.passphrase);
  const { key, problem } = findKey(options);
  if (request.includeKey && !key) throw keyMissing('a backup that includes the key', problem);
  const target = outputFile(request.output, now, request.includeKey !== undefined);

  // Staged beside the data it copies, where the database and (usually) the key already are: the same
  // disk, the same protection (the directory is the owner's alone).
  const stage = inDataDirectory(options.dataDir, () => createStage(options.dataDir, 'backup'));
  try {
    const database = path.join(stage, DATABASE_ENTRY);
    inDataDirectory(options.dataDir, () => snapshotDatabase(databaseFile, database));
    const snapshot = openSnapshot(database);
    let facts: Pick<BackupManifest, 'schemaVersion' | 'issuer' | 'keyFingerprint' | 'counts'>;
    try {
      const recorded = readKeyFingerprint(snapshot);
      // A database no start of this Gatehouse has opened yet has no fingerprint: the configured key's stands in.
      const fingerprint = recorded ?? (key ? keyFingerprint(key.key) : undefined);
      if (!fingerprint) throw keyMissing('the backup, to name the key its data is sealed with,', problem);
      facts = {
        schemaVersion: schemaVersion(snapshot),
        issuer: readServedIssuer(snapshot) ?? options.issuer,
        keyFingerprint: fingerprint,
        counts: countSnapshot(snapshot, now),
      };
    } finally {
      snapshot.close();
    }
    if (request.includeKey && keyFingerprint(key!.key) !== facts.keyFingerprint)
      throw new GatehouseError(
        'backup_key_missing',
        `the key from ${key!.origin} (fingerprint ${keyFingerprint(key!.key)}) is not the one the data in ${options.dataDir} is sealed with (${facts.keyFingerprint}); back up with the key the server uses`,
      );
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      gatehouseVersion: GATEHOUSE_VERSION,
      ...facts,
      createdAt: new Date(now).toISOString(),
      includesKey: request.includeKey !== undefined,
      database: await fileDigest(database),
    };
    writeFileSync(path.join(stage, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const entries = [MANIFEST_FILE, DATABASE_ENTRY];
    if (request.includeKey) {
      writeFileSync(path.join(stage, KEY_ENTRY), `${key!.key}\n`, { mode: 0o600 });
      entries.push(KEY_ENTRY);
    }
    await writeArchive(stage, entries, target, request.includeKey?.passphrase);
    const keyOrigin = key && keyFingerprint(key.key) === manifest.keyFingerprint ? key.origin : null;
    return { file: target, bytes: statSync(target).size, manifest, keyOrigin };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Runs a step that reads the database and writes beside it, saying what to do when this user may not. */
function inDataDirectory<T>(dataDir: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^(E[A-Z]+|SQLITE_[A-Z_]+)$/.test(code)) throw error;
    throw new GatehouseError(
      'backup_cannot_write',
      `cannot copy the database in ${dataDir} (${code}); run the backup as the user the server runs as (e.g. sudo -u gatehouse), with room on the data directory's disk for a copy`,
    );
  }
}

/** The configured key, found without making one; or why there is none. */
function findKey(options: GatehouseOptions): { key?: EncryptionKeySource; problem?: string } {
  try {
    return { key: resolveEncryptionKey(options, { create: false }) };
  } catch (error) {
    if (error instanceof EncryptionKeyError) return { problem: error.message };
    throw error;
  }
}

function keyMissing(forWhat: string, problem: string | undefined): GatehouseError {
  return new GatehouseError('backup_key_missing', `${forWhat} needs the key-encryption key, which was not found: ${problem}`);
}

/** The file to write: the one named, or a new name (with the time, and whether the key is in it) in the directory named. */
function outputFile(output: string | undefined, now: number, withKey: boolean): string {
  const named = path.resolve(output ?? '.');
  if (existsSync(named) && statSync(named).isDirectory()) {
    const stamp = new Date(now)
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replaceAll(':', '-');
    const base = `gatehouse-backup-${stamp}${withKey ? '-with-key' : ''}`;
    const extension = withKey ? '.tar.gz.enc' : '.tar.gz';
    // Two backups in the same second (a scheduled one and one by hand) get distinct names.
    for (let n = 1; ; n++) {
      const file = path.join(named, `${base}${n === 1 ? '' : `-${n}`}${extension}`);
      if (!existsSync(file)) return file;
    }
  }
  // `--output /var/backups/gatehouse/` means a folder, even before it exists: never a file of that name.
  if (/[\\/]$/.test(output ?? ''))
    throw new GatehouseError('backup_output_invalid', `the directory ${named} does not exist; create it or name another place for the backup`);
  if (existsSync(named)) throw new GatehouseError('backup_output_invalid', `${named} already exists; name a new file, or a directory to put the backup in`);
  const dir = path.dirname(named);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new GatehouseError('backup_output_invalid', `the directory ${dir} does not exist; create it or name another place for the backup`);
  return named;
}
