// The desktop app's scheduled backups: every few hours into a folder the owner chose, keeping the newest
// few, with the last result kept in a file so the window shows it after a restart. Electron-free: the
// backup itself, the clock and the timer are passed in.
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFileAtomically } from './atomicFile.ts';
import path from 'node:path';
import { z } from 'zod';
import { errorAnswer, GatehouseError, KEY_FILE_NAME, MIN_PASSPHRASE_LENGTH } from '../server/index.ts';
import type { BackupAttempt, BackupSchedule, BackupScheduleChoice, BackupStatus } from './desktopApi.ts';
import type { PassphraseStore } from './backupPassphrase.ts';

const HOUR = 3_600_000;
/** A failed backup (a drive not connected, a full disk) is tried again this soon, not a whole interval later. */
const RETRY_AFTER = HOUR;
/**
 * The timer never waits longer than this and then compares the wall clock: a computer that slept through
 * a backup's time backs up soon after it wakes, where one long timer would be late by the time asleep.
 */
const LONGEST_WAIT = 10 * 60_000;

export const backupScheduleSchema = z.object({
  folder: z
    .string()
    .trim()
    .min(1, 'choose a folder')
    .refine((folder) => path.isAbsolute(folder), 'must be the full path of a folder'),
  everyHours: z
    .number({ error: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(168, 'must be at most 168 hours (a week)'),
  keep: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
  includeKey: z.boolean(),
}) satisfies z.ZodType<BackupSchedule>;

const choiceSchema = backupScheduleSchema
  .extend({ passphrase: z.string().min(MIN_PASSPHRASE_LENGTH, `must be at least ${MIN_PASSPHRASE_LENGTH} characters`).max(1024).optional() })
  .strict() satisfies z.ZodType<BackupScheduleChoice>;

const attemptSchema = z.union([
  z.object({ at: z.number(), ok: z.literal(true), file: z.string(), bytes: z.number() }),
  z.object({ at: z.number(), ok: z.literal(false), error: z.string() }),
]);
const recordSchema = z.object({ last: attemptSchema.nullable(), lastGood: attemptSchema.nullable() });
type BackupRecord = { last: BackupAttempt | null; lastGood: (BackupAttempt & { ok: true }) | null };

/**
 * The names createBackup gives the files it makes in a folder (time, key or not, a number for a second
 * one in the same second): only files named so are ever deleted when pruning.
 */
const FILE_NAME = /^gatehouse-backup-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)(?:-with-key)?(?:-(\d+))?\.tar\.gz(?:\.enc)?$/;

export interface BackupScheduleDeps {
  /** Where the schedule is saved (the desktop preferences). */
  schedule: { read(): BackupSchedule | null; save(schedule: BackupSchedule | null): void };
  /** Where the last results are kept. */
  recordFile: string;
  /** The data folder, where backups must not go (they would be lost with it) and the key file is without a keychain. */
  dataDir(): string;
  passphrases: PassphraseStore;
  /** Makes one backup in `folder` (the server's createBackup, which names it), encrypted with `passphrase` when given. */
  backUp(folder: string, passphrase: string | undefined, now: number): Promise<{ file: string; bytes: number }>;
  now?: () => number;
  /** Runs `action` once after `ms`; returns the cancel function. */
  setTimer?: (ms: number, action: () => void) => () => void;
  /** Called whenever the status changes (a backup starts or ends, the schedule is saved). */
  onChange?: () => void;
  logError(event: string, error: unknown): void;
}

export interface BackupScheduler {
  status(): BackupStatus;
  /** Validates and saves the owner's choice (null turns backups off); a schedule backs up at once. */
  set(choice: unknown): BackupStatus;
  /** Backs up now, or waits for the backup already running. */
  backUpNow(): Promise<BackupStatus>;
}

export function createBackupScheduler(deps: BackupScheduleDeps): BackupScheduler {
  const now = deps.now ?? Date.now;
  const setTimer =
    deps.setTimer ??
    ((ms, action) => {
      const timer = setTimeout(action, ms);
      timer.unref();
      return () => clearTimeout(timer);
    });
  let record = readRecord(deps.recordFile);
  let running: Promise<BackupStatus> | undefined;
  let cancelTimer: (() => void) | undefined;

  const nextAt = (schedule: BackupSchedule | null): number | null => {
    if (!schedule) return null;
    const last = record.last;
    if (!last) return now();
    return last.at + (last.ok ? schedule.everyHours * HOUR : Math.min(RETRY_AFTER, schedule.everyHours * HOUR));
  };

  const status = (): BackupStatus => {
    const schedule = deps.schedule.read();
    return {
      schedule,
      running: running !== undefined,
      last: record.last,
      lastGood: record.lastGood,
      nextAt: nextAt(schedule),
      passphraseSaved: deps.passphrases.saved(),
      keyCannotBeIncluded: keyRefusal(deps.passphrases, deps.dataDir),
    };
  };

  const arm = () => {
    cancelTimer?.();
    cancelTimer = undefined;
    const due = nextAt(deps.schedule.read());
    if (due === null) return;
    cancelTimer = setTimer(Math.max(0, Math.min(due - now(), LONGEST_WAIT)), () => {
      cancelTimer = undefined;
      const dueNow = nextAt(deps.schedule.read());
      if (dueNow !== null && dueNow <= now()) void backUpNow().catch((error: unknown) => deps.logError('desktop.backup_failed', error));
      else arm();
    });
  };

  const attempt = async (schedule: BackupSchedule): Promise<void> => {
    const at = now();
    let result: BackupAttempt;
    try {
      writableFolder(schedule.folder);
      const passphrase = schedule.includeKey ? deps.passphrases.read() : undefined;
      const { file, bytes } = await deps.backUp(schedule.folder, passphrase, at);
      result = { at, ok: true, file, bytes };
    } catch (error) {
      const known = knownFailure(error, schedule.folder);
      // A failure the owner can fix is theirs to read in the window; anything else is worth a log line.
      if (!known) deps.logError('desktop.backup_failed', error);
      result = { at, ok: false, error: known ?? unknownFailure(error) };
    }
    record = { last: result, lastGood: result.ok ? result : record.lastGood };
    writeRecord(deps.recordFile, record);
    if (result.ok) prune(schedule, result.file, deps.logError);
  };

  const backUpNow = (): Promise<BackupStatus> => {
    if (running) return running;
    const schedule = deps.schedule.read();
    if (!schedule) return Promise.reject(new GatehouseError('invalid_input', 'Choose a folder for the backups first.', { field: 'folder' }));
    running = attempt(schedule)
      .catch((error: unknown) => deps.logError('desktop.backup_record_failed', error))
      .then(() => {
        running = undefined;
        arm();
        deps.onChange?.();
        return status();
      });
    deps.onChange?.();
    return running;
  };

  arm();
  return {
    status,
    set(input) {
      if (input === null) {
        deps.schedule.save(null);
        deps.passphrases.clear();
        arm();
        deps.onChange?.();
        return status();
      }
      const { passphrase, ...schedule } = choiceSchema.parse(input);
      checkFolder(schedule.folder, deps.dataDir());
      if (schedule.includeKey) {
        const refusal = keyRefusal(deps.passphrases, deps.dataDir);
        if (refusal) throw new GatehouseError('invalid_input', refusal, { field: 'includeKey' });
        if (passphrase === undefined && !deps.passphrases.saved()) {
          throw new GatehouseError('invalid_input', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters to encrypt the backups with.`, {
            field: 'passphrase',
          });
        }
        if (passphrase !== undefined) deps.passphrases.save(passphrase);
      } else deps.passphrases.clear();
      deps.schedule.save(schedule);
      // The first backup runs at once: the owner learns now whether the folder works, not hours later.
      void backUpNow().catch((error: unknown) => deps.logError('desktop.backup_failed', error));
      return status();
    },
    backUpNow,
  };
}

/** A failure that follows a success (or none): the owner is told once, not at every retry. */
export function isNewFailure(before: BackupAttempt | null, after: BackupAttempt | null): boolean {
  return after !== null && !after.ok && after.at !== before?.at && (before === null || before.ok);
}

function keyRefusal(passphrases: PassphraseStore, dataDir: () => string): string | null {
  const why = passphrases.unusable();
  // Without a keychain the desktop keeps its key in the data folder's key file (keychainKey.ts).
  return why
    ? `The key can be included only when the operating system keychain keeps the passphrase, but ${why}. Keep a copy of the key file, ${path.join(dataDir(), KEY_FILE_NAME)}, somewhere safe apart from the backups.`
    : null;
}

function checkFolder(folder: string, dataDir: string): void {
  const inside = path.relative(path.resolve(dataDir), path.resolve(folder));
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
    throw new GatehouseError('invalid_input', 'Choose a folder outside Gatehouse’s data folder: a backup there would be lost with the data.', {
      field: 'folder',
    });
  }
  try {
    writableFolder(folder);
  } catch (error) {
    throw new GatehouseError('invalid_input', knownFailure(error, folder) ?? unknownFailure(error), { field: 'folder' });
  }
}

function writableFolder(folder: string): void {
  if (!statSync(folder).isDirectory()) throw new GatehouseError('invalid_input', `${folder} is a file, not a folder. Choose a folder.`, { field: 'folder' });
  accessSync(folder, constants.W_OK);
}

/** A failure the owner can fix, as a sentence that says how; undefined for any other. */
function knownFailure(error: unknown, folder: string): string | undefined {
  const answer = errorAnswer(error);
  // The server's backup sentences are worded for the command line ("gatehouse: the …"): here each stands alone.
  if (answer) return `${answer.message[0]!.toUpperCase()}${answer.message.slice(1)}${/[.!?]$/.test(answer.message) ? '' : '.'}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `The folder ${folder} is not there. If it is on a drive that is not connected, connect it; otherwise choose another folder.`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return `Gatehouse may not write to ${folder}. Choose a folder you can write to, or change its permissions.`;
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return `The disk holding ${folder} is full. Free some space there or choose another folder.`;
  return undefined;
}

function unknownFailure(error: unknown): string {
  return `The backup could not be made: ${(error as Error).message ?? String(error)}. Try again; if it keeps failing, check the Gatehouse log.`;
}

/** Deletes the schedule's oldest backups beyond `keep`; the owner's other files in the folder stay. */
function prune(schedule: BackupSchedule, made: string, logError: BackupScheduleDeps['logError']): void {
  try {
    const ours = readdirSync(schedule.folder).flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [{ name, stamp: match[1]!, n: Number(match[2] ?? 1) }] : [];
    });
    ours.sort((a, b) => b.stamp.localeCompare(a.stamp) || b.n - a.n);
    for (const { name } of ours.slice(schedule.keep)) {
      if (path.join(schedule.folder, name) !== made) rmSync(path.join(schedule.folder, name), { force: true });
    }
  } catch (error) {
    // The new backup is made; an old one left behind is no reason to report a failure.
    logError('desktop.backup_prune_failed', error);
  }
}

function readRecord(file: string): BackupRecord {
  if (!existsSync(file)) return { last: null, lastGood: null };
  try {
    return recordSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) as BackupRecord;
  } catch {
    // A damaged record only loses what the window shows about past backups; the next one writes it anew.
    return { last: null, lastGood: null };
  }
}

function writeRecord(file: string, record: BackupRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
}
