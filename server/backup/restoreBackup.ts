// `gatehouse restore`: puts a backup in place as a data directory's database, into an empty directory or
// (asked for) in place of a stopped one's. Every check runs before anything is touched: the archive, its
// manifest, the database's checksum and integrity, its schema, the key (and, in index.ts, which knows the
// running instance, that no server runs). Then the file is staged beside its final place and renamed, so a
// restore that stops midway leaves the old state.
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { syncDirectory, syncFile } from '../config/durableFiles.ts';
import { EncryptionKeyError, keyFileOf, readKeyFile, resolveEncryptionKey } from '../config/encryptionKey.ts';
import type { GatehouseOptions } from '../config/options.ts';
import { DATABASE_FILE_NAME, schemaVersion } from '../db/database.ts';
import { MIGRATIONS } from '../db/migrations.ts';
import { keyFingerprint } from '../db/sealed.ts';
import { checkpointDatabase, databaseExists, integrityProblems, openSnapshot } from '../db/snapshot.ts';
import { GatehouseError } from '../model/errors.ts';
import { readArchive } from './archive.ts';
import { fileDigest } from './fileDigest.ts';
import { type BackupManifest, DATABASE_ENTRY, KEY_ENTRY, MANIFEST_FILE, parseManifest } from './manifest.ts';
import { createStage } from './staging.ts';

/** What a restore takes from an archive, and how large each may be: a manifest and a key are small. */
const ENTRY_LIMITS = { [MANIFEST_FILE]: 2 ** 20, [DATABASE_ENTRY]: Number.MAX_SAFE_INTEGER, [KEY_ENTRY]: 2 ** 16 };

export interface RestoreRequest {
  /** The passphrase of a backup that holds the key (it is encrypted). */
  passphrase?: string;
  /** Put the backup in place of the data directory's (stopped) database, which is kept beside it. */
  replace?: boolean;
  /** When the restore happens, for the kept database's name. */
  now?: number;
}

export interface RestoreResult {
  manifest: BackupManifest;
  database: string;
  /** The key file written from the backup; null when the key was already where Gatehouse reads it. */
  keyFile: string | null;
  /** Where the database that was replaced is kept; null when there was none. */
  previousDatabase: string | null;
  /** The schema this Gatehouse upgrades the restored database to at its next start (its own, when newer). */
  schemaAfterStart: number;
}

export async function restoreArchive(options: GatehouseOptions, file: string, request: RestoreRequest = {}): Promise<RestoreResult> {
  const dataDir = options.dataDir;
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  const hasDatabase = databaseExists(databaseFile);
  if (hasDatabase && !request.replace)
    throw new GatehouseError(
      'restore_not_empty',
      `${dataDir} already holds a Gatehouse database; restore into an empty data directory, or add --replace to put the backup in its place (the current database is kept beside it)`,
    );
  const source = path.resolve(file);
  if (!existsSync(source) || !statSync(source).isFile())
    throw new GatehouseError('restore_unreadable', `there is no backup file at ${source}; name the file \`gatehouse backup\` wrote`);
  try {
    accessSync(source, constants.R_OK);
  } catch {
    throw new GatehouseError('restore_unreadable', `${source} cannot be read by this user; run the restore as a user who may read it`);
  }

  const stage = writing(dataDir, () => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return createStage(dataDir, 'restore');
  });
  try {
    let found: Set<string>;
    try {
      found = await readArchive(source, stage, ENTRY_LIMITS, request.passphrase);
    } catch (error) {
      throw refusedWrite(dataDir, error);
    }
    if (!found.has(MANIFEST_FILE) || !found.has(DATABASE_ENTRY))
      throw new GatehouseError(
        'restore_damaged',
        `${source} is not a Gatehouse backup (it has no ${found.has(MANIFEST_FILE) ? 'database' : 'manifest'}); name the file \`gatehouse backup\` wrote`,
      );
    const manifest = parseManifest(readFileSync(path.join(stage, MANIFEST_FILE), 'utf8'), source);
    if (manifest.schemaVersion > MIGRATIONS.length)
      throw new GatehouseError(
        'restore_newer_schema',
        `${source} was made by Gatehouse ${manifest.gatehouseVersion} with schema ${manifest.schemaVersion}; this Gatehouse knows up to schema ${MIGRATIONS.length}: upgrade Gatehouse first, then restore`,
      );
    const staged = path.join(stage, DATABASE_ENTRY);
    await checkDatabase(staged, manifest, source);
    const includedKey = found.has(KEY_ENTRY) ? readKeyFile(path.join(stage, KEY_ENTRY)) : undefined;
    if (manifest.includesKey !== (includedKey !== undefined) || (includedKey !== undefined && keyFingerprint(includedKey) !== manifest.keyFingerprint))
      throw new GatehouseError('restore_damaged', `the key in ${source} does not match its manifest; the backup is damaged: use another copy`);
    const keyToWrite = includedKey === undefined ? checkConfiguredKey(options, manifest) : placeForIncludedKey(options, includedKey, manifest, hasDatabase);

    // Everything is checked: from here on, each step leaves a whole state behind if the next does not happen.
    const previousDatabase = writing(dataDir, () => {
      if (keyToWrite) writeKeyFile(keyToWrite, includedKey!, dataDir);
      chmodSync(staged, 0o600);
      ownLikeDirectory(staged, dataDir);
      syncFile(staged);
      const previous = hasDatabase ? keepPrevious(databaseFile, request.now ?? Date.now()) : null;
      // A log left behind would be replayed onto the restored file: a kept database's holds nothing any more.
      for (const suffix of ['-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
      renameSync(staged, databaseFile);
      syncDirectory(dataDir);
      return previous;
    });
    return { manifest, database: databaseFile, keyFile: keyToWrite ?? null, previousDatabase, schemaAfterStart: MIGRATIONS.length };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The staged database is the one the manifest describes, whole, at the schema it says. */
async function checkDatabase(staged: string, manifest: BackupManifest, source: string): Promise<void> {
  const damaged = (what: string) => new GatehouseError('restore_damaged', `the database in ${source} ${what}; the backup is damaged: use another copy`);
  const digest = await fileDigest(staged);
  if (digest.bytes !== manifest.database.bytes || digest.sha256 !== manifest.database.sha256) throw damaged('does not match the checksum in its manifest');
  let db: ReturnType<typeof openSnapshot>;
  try {
    db = openSnapshot(staged);
  } catch {
    throw damaged('cannot be opened');
  }
  try {
    const problems = integrityProblems(db);
    if (problems.length > 0) throw damaged(`fails SQLite's integrity check (${problems[0]})`);
    if (schemaVersion(db) !== manifest.schemaVersion) throw damaged(`has schema ${schemaVersion(db)}, not the ${manifest.schemaVersion} its manifest says`);
  } catch (error) {
    if (error instanceof GatehouseError) throw error;
    throw damaged(`cannot be read (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

/** A backup without its key restores only where the configured key is the one its data is sealed with. */
function checkConfiguredKey(options: GatehouseOptions, manifest: BackupManifest): undefined {
  let found: ReturnType<typeof resolveEncryptionKey>;
  try {
    found = resolveEncryptionKey(options, { create: false });
  } catch (error) {
    if (!(error instanceof EncryptionKeyError)) throw error;
    throw new GatehouseError(
      'restore_key_missing',
      `this backup does not hold the key-encryption key, and the key its data is sealed with (fingerprint ${manifest.keyFingerprint}) was not found: ${error.message}`,
    );
  }
  const fingerprint = keyFingerprint(found.key);
  if (fingerprint !== manifest.keyFingerprint)
    throw new GatehouseError(
      'restore_wrong_key',
      `this backup's data is sealed with the key ${manifest.keyFingerprint}; the key from ${found.origin === 'environment' ? 'GATEHOUSE_ENCRYPTION_KEY' : found.origin} is ${fingerprint}: give the key that was in use when the backup was made`,
    );
  return undefined;
}

/**
 * Where the backup's own key goes: nowhere when the configured key already is that key; the key file when it
 * is missing. A key file that holds another key is never overwritten: it may be the only copy of the key of
 * this directory's database, or of another data directory that shares the file.
 */
function placeForIncludedKey(options: GatehouseOptions, key: string, manifest: BackupManifest, hasDatabase: boolean): string | undefined {
  if (options.encryptionKey !== undefined) {
    const fingerprint = keyFingerprint(options.encryptionKey);
    if (fingerprint === manifest.keyFingerprint) return undefined;
    throw new GatehouseError(
      'restore_wrong_key',
      `GATEHOUSE_ENCRYPTION_KEY holds the key ${fingerprint}, but this backup's data is sealed with its own key ${manifest.keyFingerprint}, which it holds: unset GATEHOUSE_ENCRYPTION_KEY to restore that key into a key file`,
    );
  }
  const file = keyFileOf(options);
  if (!existsSync(file)) return file;
  let current: string | undefined;
  try {
    current = readKeyFile(file);
  } catch {
    current = undefined;
  }
  if (current !== undefined && keyFingerprint(current) === keyFingerprint(key)) return undefined;
  throw new GatehouseError(
    'restore_key_conflict',
    `${file} holds another key${current === undefined ? '' : ` (${keyFingerprint(current)})`}, which ${hasDatabase ? `the database in ${options.dataDir}` : 'another data directory'} may need; this backup brings its own (${manifest.keyFingerprint}): move that key file away first (keep it with the database it opens) or name a new one with --encryption-key-file, then restore`,
  );
}

/**
 * Keeps a replaced database as `gatehouse.db.before-restore-<time>`, its write-ahead log folded in first;
 * one too damaged to open (often why it is replaced) is kept as it is, with its log beside it.
 */
function keepPrevious(databaseFile: string, now: number): string {
  let folded = true;
  try {
    checkpointDatabase(databaseFile);
  } catch (error) {
    if (!/^SQLITE_(NOTADB|CORRUPT)/.test(String((error as { code?: unknown }).code))) throw error;
    folded = false;
  }
  const kept = `${databaseFile}.before-restore-${new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}`;
  keepCopy(databaseFile, kept);
  if (!folded && existsSync(`${databaseFile}-wal`)) keepCopy(`${databaseFile}-wal`, `${kept}-wal`);
  return kept;
}

function keepCopy(file: string, kept: string): void {
  try {
    linkSync(file, kept);
  } catch {
    copyFileSync(file, kept);
  }
}

/** Runs a step that writes in the data directory (or the key file's), saying what to do when the system refuses. */
function writing<T>(dataDir: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw refusedWrite(dataDir, error);
  }
}

/** The system's refusal to write (no permission, no room) as a sentence; any other error as it is. */
function refusedWrite(dataDir: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^(E[A-Z]+|SQLITE_[A-Z_]+)$/.test(code)) return error;
  return new GatehouseError(
    'restore_cannot_write',
    `cannot write in ${dataDir} (${code}): run the restore as the user the server runs as (e.g. sudo -u gatehouse), with room on its disk for the database`,
  );
}

/** Writes the backup's key where Gatehouse reads it: whole under another name first, then renamed into place. */
function writeKeyFile(file: string, key: string, dataDir: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.restore-${process.pid}`;
  try {
    writeFileSync(temp, `${key}\n`, { mode: 0o600, flush: true });
    ownLikeDirectory(temp, dataDir);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(file));
}

/**
 * Gives a restored file to the data directory's owner: root restoring for a service account (sudo gatehouse
 * restore) must leave files the service can open.
 */
function ownLikeDirectory(file: string, dataDir: string): void {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return;
  const { uid, gid } = statSync(dataDir);
  if (uid !== 0) chownSync(file, uid, gid);
}
