// What the desktop window may ask of the main process: the preload exposes exactly this as
// `window.gatehouseDesktop`, and the main process answers each method on the channel `gatehouse:<method>`.
// The renderer imports this file for its types only.
import type { ErrorAnswer } from '../server/index.ts';

export type ServerState = 'running' | 'starting' | 'stopping' | 'stopped' | 'error';

/** The server as the desktop sees it. */
export interface ServerSnapshot {
  state: ServerState;
  issuer: string;
  /** The configured port (the one listened on while running). */
  port: number;
  host: string;
  /** Why the server is not running, as a sentence, when state is 'error'. */
  error: string | null;
  /** The setting that error is about (port, host, tlsCertFile, ...), when it names one. */
  errorField: string | null;
  /** No admin exists yet: the window shows the first-run wizard. */
  needsSetup: boolean;
  /** Things the owner should fix, each a sentence (insecure issuer, key kept in a file, ...). */
  warnings: string[];
}

/** The server plus the desktop app's own switches. */
export interface DesktopStatus extends ServerSnapshot {
  startAtLogin: boolean;
  startServerAtLaunch: boolean;
  backup: BackupStatus;
}

/** Where and how often the desktop app backs up by itself. */
export interface BackupSchedule {
  /** A folder outside the data folder, ideally on another disk. */
  folder: string;
  everyHours: number;
  /** How many of the newest backups stay in the folder; older ones the schedule made are deleted. */
  keep: number;
  /** The key-encryption key goes in too, the backup encrypted with a passphrase kept by the keychain. */
  includeKey: boolean;
}

/** The owner's choice in the window: the schedule, and the passphrase when the key is to be included. */
export interface BackupScheduleChoice extends BackupSchedule {
  /** At least 12 characters; may be left out to keep the one already saved. */
  passphrase?: string;
}

/** One backup, made or failed; times are epoch milliseconds. */
export type BackupAttempt = { at: number; ok: true; file: string; bytes: number } | { at: number; ok: false; error: string };

export interface BackupStatus {
  /** Null while scheduled backups are off. */
  schedule: BackupSchedule | null;
  running: boolean;
  last: BackupAttempt | null;
  /** The last one that worked (the same as `last` unless that failed). */
  lastGood: (BackupAttempt & { ok: true }) | null;
  /** When the next one is due (at once when that is in the past). */
  nextAt: number | null;
  /** A passphrase for the key is saved in the keychain. */
  passphraseSaved: boolean;
  /** Why the key cannot be included (the keychain is not there to keep its passphrase), else null. */
  keyCannotBeIncluded: string | null;
}

/** A finished rotation of the database key, as the window reports it. */
export interface EncryptionKeyRotated {
  oldFingerprint: string;
  newFingerprint: string;
  /** How many sealed values were sealed again. */
  resealed: number;
  /** Where the new key is kept: the operating system keychain, or a key file's path. */
  keptIn: string;
  /** Whether that is the keychain, which the window then names in its own language. */
  keptInKeychain: boolean;
  status: DesktopStatus;
}

/** Failures cross the IPC boundary as data: Electron keeps only an error's message. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorAnswer };

/** How other devices will reach Gatehouse; the wizard's second step. */
export type Reach =
  | { mode: 'this-computer'; port: number }
  | { mode: 'reverse-proxy'; publicUrl: string; port: number; proxyOnThisComputer: boolean; proxyAddress?: string }
  | { mode: 'lan'; hostname: string; port: number; tlsCertFile: string; tlsKeyFile: string };

export interface SetupChoices {
  instanceName: string;
  reach: Reach;
  admin: { username: string; email: string; displayName: string };
}

export interface SetupResult {
  issuer: string;
  /** One-time link that lets the first admin register their passkey in their own browser. */
  link: string;
  qrSvg: string;
  expiresAt: string;
  status: DesktopStatus;
}

export interface DesktopApi {
  status(): Promise<DesktopStatus>;
  startServer(): Promise<DesktopStatus>;
  stopServer(): Promise<DesktopStatus>;
  /** Runs one admin operation as the trusted local owner, whether or not the server is running. */
  admin(operation: string, input: unknown): Promise<Outcome<unknown>>;
  completeSetup(choices: SetupChoices): Promise<Outcome<SetupResult>>;
  setStartAtLogin(enabled: boolean): Promise<DesktopStatus>;
  setStartServerAtLaunch(enabled: boolean): Promise<DesktopStatus>;
  /** Opens an http(s) URL in the owner's browser. */
  openExternal(url: string): Promise<void>;
  /** Asks the owner for a file (the TLS certificate or key); null when they cancel. */
  chooseFile(purpose: 'tls-certificate' | 'tls-key'): Promise<string | null>;
  /** Saves the backup schedule (null turns it off); a new schedule backs up at once. */
  setBackupSchedule(choice: BackupScheduleChoice | null): Promise<Outcome<DesktopStatus>>;
  /** Backs up now into the schedule's folder; the result is the status's `backup.last`. */
  backUpNow(): Promise<DesktopStatus>;
  /** Asks the owner for a folder (for the backups); null when they cancel. */
  chooseFolder(): Promise<string | null>;
  /** Replaces the database key with a new random one: the server stops, every secret is sealed again, it starts again. */
  rotateEncryptionKey(): Promise<Outcome<EncryptionKeyRotated>>;
  /** Called with every change of the server's status; returns the unsubscribe function. */
  onStatus(listener: (status: DesktopStatus) => void): () => void;
}

/** The methods answered with ipcMain.handle (onStatus is a push from main instead). */
export type DesktopRequest = Exclude<keyof DesktopApi, 'onStatus'>;

export const STATUS_CHANNEL = 'gatehouse:status-changed';

export function requestChannel(method: DesktopRequest): string {
  return `gatehouse:${method}`;
}
