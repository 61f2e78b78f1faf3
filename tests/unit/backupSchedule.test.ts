// The desktop app's scheduled backups, made for real (the server's createBackup, from a running
// Gatehouse) into a temporary folder: the timer, keeping the newest few, failures said in a sentence,
// and the last result shown again after a restart. The clock and the timer are the test's.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, createGatehouse, errorAnswer, restoreBackup } from '../../server/index.ts';
import { backupPassphraseStore } from '../../electron/backupPassphrase.ts';
import { type BackupScheduler, createBackupScheduler, isNewFailure } from '../../electron/backupSchedule.ts';
import type { DesktopStatus } from '../../electron/desktopApi.ts';
import { preferencesStore } from '../../electron/desktopPreferences.ts';
import type { Keychain } from '../../electron/keychainKey.ts';
import { serverMenuTemplate, type ServerMenuActions } from '../../electron/trayMenu.ts';
import { clickMenuItem } from '../support/fakeElectron.ts';
import { freePort, localOptions, startTestServer, type TestServer } from '../support/testServer.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 11, 2, 7, 0, 0);

const keychain = (backend = 'gnome_libsecret'): Keychain => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
});

let server: TestServer;
let root: string;
/** What the scheduler logged (failures that are no Gatehouse refusal, such as a missing folder). */
const logged: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const username of ['ada', 'grace', 'linus']) await server.gatehouse.runAdmin('users.create', { username });
});
afterAll(async () => {
  await server?.close();
});

interface Harness {
  scheduler: BackupScheduler;
  folder: string;
  appDir: string;
  /** The timer the scheduler armed last: its wait and what it runs. */
  timer(): { ms: number; fire(): void };
  advance(ms: number): void;
  changes: number;
}

/** A scheduler as the desktop app makes one, with the test's clock and timer; `appDir` is the app's folder. */
function harness(appDir: string, folder: string, backend?: string): Harness {
  let clock = START;
  let armed: { ms: number; action: () => void; cancelled: boolean } | undefined;
  const preferences = preferencesStore(appDir);
  const result: Harness = {
    folder,
    appDir,
    changes: 0,
    scheduler: undefined as unknown as BackupScheduler,
    timer() {
      if (!armed || armed.cancelled) throw new Error('no timer is armed');
      const current = armed;
      return { ms: current.ms, fire: () => current.action() };
    },
    advance(ms) {
      clock += ms;
    },
  };
  result.scheduler = createBackupScheduler({
    schedule: { read: () => preferences.read().backup, save: (backup) => void preferences.update({ backup }) },
    recordFile: path.join(appDir, 'backup-status.json'),
    dataDir: () => server.dataDir,
    passphrases: backupPassphraseStore(appDir, keychain(backend)),
    backUp: (folder, passphrase, now) => createBackup(server.gatehouse.options, { output: folder, now, ...(passphrase ? { includeKey: { passphrase } } : {}) }),
    now: () => clock,
    setTimer: (ms, action) => {
      const timer = { ms, action, cancelled: false };
      armed = timer;
      return () => {
        timer.cancelled = true;
      };
    },
    onChange: () => {
      result.changes += 1;
    },
    logError: (event) => void logged.push(event),
  });
  return result;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'gatehouse-backups-'));
  mkdirSync(path.join(root, 'backups'));
  return () => rmSync(root, { recursive: true, force: true });
});

const daily = (folder: string, keep = 7) => ({ folder, everyHours: 24, keep, includeKey: false });
const backups = (folder: string) => readdirSync(folder).filter((name) => name.startsWith('gatehouse-backup-'));

describe('scheduled backups on the desktop', () => {
  it('back up at once when the schedule is saved, and show the result again after a restart', async () => {
    const h = harness(path.join(root, 'app'), path.join(root, 'backups'));
    expect(h.scheduler.status()).toMatchObject({ schedule: null, last: null, nextAt: null, running: false });

    const saved = h.scheduler.set(daily(h.folder));
    expect(saved.running).toBe(true);
    const done = await h.scheduler.backUpNow();
    expect(done.last).toMatchObject({ ok: true, at: START, file: path.join(h.folder, 'gatehouse-backup-2026-12-02T07-00-00Z.tar.gz') });
    expect(done.last?.ok && done.last.bytes).toBeGreaterThan(0);
    expect(done.nextAt).toBe(START + 24 * HOUR);
    expect(h.changes).toBeGreaterThanOrEqual(2);

    // A real backup: it restores into an empty folder with the people made before it.
    const last = done.last as { file: string };
    const fresh = path.join(root, 'restored');
    await restoreBackup(localOptions(await freePort(), fresh), last.file, {});
    const restored = createGatehouse(localOptions(await freePort(), fresh));
    try {
      const list = (await restored.runAdmin('users.list', {})) as { users: Array<{ username: string }> };
      expect(list.users.map((user) => user.username).sort()).toEqual(['ada', 'grace', 'linus']);
    } finally {
      restored.close();
    }

    // The app restarts: the window shows the same last backup and the same next time.
    const again = harness(h.appDir, h.folder);
    expect(again.scheduler.status()).toMatchObject({ schedule: daily(h.folder), last: done.last, lastGood: done.last, nextAt: START + 24 * HOUR });
  });

  it('wake often enough to catch up after the computer slept, and back up when the time comes', async () => {
    const h = harness(path.join(root, 'app'), path.join(root, 'backups'));
    h.scheduler.set({ ...daily(h.folder), everyHours: 6 });
    await h.scheduler.backUpNow();
    // Six hours away, but the timer wakes within ten minutes to compare the clock again.
    expect(h.timer().ms).toBe(10 * 60_000);
    h.advance(10 * 60_000);
    h.timer().fire();
    expect(h.scheduler.status().running).toBe(false);
    expect(backups(h.folder)).toHaveLength(1);

    // The computer slept through the backup's time: the next wake-up makes it.
    h.advance(8 * HOUR);
    h.timer().fire();
    expect(h.scheduler.status().running).toBe(true);
    const done = await h.scheduler.backUpNow();
    expect(done.last).toMatchObject({ ok: true, at: START + 8 * HOUR + 10 * 60_000 });
    expect(backups(h.folder)).toHaveLength(2);
    expect(done.nextAt).toBe(START + 14 * HOUR + 10 * 60_000);
  });

  it('keep the newest few of their own backups, never the other files in the folder', async () => {
    const h = harness(path.join(root, 'app'), path.join(root, 'backups'));
    writeFileSync(path.join(h.folder, 'notes.txt'), 'mine');
    writeFileSync(path.join(h.folder, 'gatehouse-backup-by-hand.tar.gz'), 'mine too');
    h.scheduler.set(daily(h.folder, 2));
    await h.scheduler.backUpNow();
    for (let day = 1; day <= 3; day += 1) {
      h.advance(24 * HOUR);
      await h.scheduler.backUpNow();
    }
    expect(readdirSync(h.folder).sort()).toEqual([
      'gatehouse-backup-2026-12-04T07-00-00Z.tar.gz',
      'gatehouse-backup-2026-12-05T07-00-00Z.tar.gz',
      'gatehouse-backup-by-hand.tar.gz',
      'notes.txt',
    ]);

    // A second backup in the same second gets its own name, and counts as the newer one.
    await h.scheduler.backUpNow();
    expect(backups(h.folder).sort()).toEqual([
      'gatehouse-backup-2026-12-05T07-00-00Z-2.tar.gz',
      'gatehouse-backup-2026-12-05T07-00-00Z.tar.gz',
      'gatehouse-backup-by-hand.tar.gz',
    ]);
  });

  it('say in a sentence why a backup failed, try again within the hour, and warn in the tray', async () => {
    const h = harness(path.join(root, 'app'), path.join(root, 'backups'));
    h.scheduler.set(daily(h.folder));
    const good = (await h.scheduler.backUpNow()).last;

    // The folder's drive is unplugged.
    rmSync(h.folder, { recursive: true });
    h.advance(24 * HOUR);
    const failed = await h.scheduler.backUpNow();
    expect(failed.last).toEqual({
      at: START + 24 * HOUR,
      ok: false,
      error: `The folder ${h.folder} is not there. If it is on a drive that is not connected, connect it; otherwise choose another folder.`,
    });
    expect(failed.lastGood).toEqual(good);
    expect(failed.nextAt).toBe(START + 25 * HOUR);
    expect(isNewFailure(good, failed.last)).toBe(true);
    // The owner can fix it, and reads why in the window: no log line.
    expect(logged).toEqual([]);

    // Told once: the retry that fails again is no new failure.
    h.advance(HOUR);
    const again = await h.scheduler.backUpNow();
    expect(again.last?.ok).toBe(false);
    expect(isNewFailure(failed.last, again.last)).toBe(false);

    const opened: string[] = [];
    const actions = { openWindow: () => opened.push('window') } as unknown as ServerMenuActions;
    const status = { state: 'running', port: 9460, startAtLogin: false, backup: again } as DesktopStatus;
    const menu = serverMenuTemplate(status, actions);
    expect(menu.find((item) => item.id === 'backup-failed')?.label).toBe('⚠ The last backup failed: open Gatehouse to see why');
    clickMenuItem(menu, 'backup-failed');
    expect(opened).toEqual(['window']);

    // The drive is back: the next backup works and the warning goes.
    mkdirSync(h.folder);
    h.advance(HOUR);
    const recovered = await h.scheduler.backUpNow();
    expect(recovered.last?.ok).toBe(true);
    expect(serverMenuTemplate({ ...status, backup: recovered }, actions).some((item) => item.id === 'backup-failed')).toBe(false);
  });

  it('refuse a folder that cannot work, and a key with no passphrase or no keychain, naming the field', () => {
    const h = harness(path.join(root, 'app'), path.join(root, 'backups'));
    const refusal = (choice: unknown, scheduler = h.scheduler) => {
      try {
        scheduler.set(choice);
      } catch (error) {
        const answer = errorAnswer(error);
        if (answer) return { field: answer.field, message: answer.message };
        throw error;
      }
      throw new Error('the choice was accepted');
    };
    expect(refusal(daily(path.join(server.dataDir, 'backups')))).toEqual({
      field: 'folder',
      message: 'Choose a folder outside Gatehouse’s data folder: a backup there would be lost with the data.',
    });
    expect(refusal(daily(path.join(root, 'nowhere'))).message).toMatch(/nowhere is not there/);
    writeFileSync(path.join(root, 'a-file'), '');
    expect(refusal(daily(path.join(root, 'a-file'))).message).toMatch(/is a file, not a folder/);
    expect(refusal(daily('backups')).field).toBe('folder');
    expect(refusal({ ...daily(h.folder), keep: 0 }).field).toBe('keep');
    expect(refusal({ ...daily(h.folder), everyHours: 1000 }).field).toBe('everyHours');
    expect(refusal({ ...daily(h.folder), includeKey: true })).toEqual({
      field: 'passphrase',
      message: 'Choose a passphrase of at least 12 characters to encrypt the backups with.',
    });
    expect(refusal({ ...daily(h.folder), includeKey: true, passphrase: 'short' }).field).toBe('passphrase');
    const noKeyring = harness(path.join(root, 'app2'), h.folder, 'basic_text');
    // The owner is told which file to keep instead.
    expect(noKeyring.scheduler.status().keyCannotBeIncluded).toMatch(
      new RegExp(`no keyring is running .*Keep a copy of the key file, ${path.join(server.dataDir, 'encryption.key')}, somewhere safe`),
    );
    expect(refusal({ ...daily(h.folder), includeKey: true, passphrase: 'a long enough passphrase' }, noKeyring.scheduler).field).toBe('includeKey');
    // Nothing was saved by any of them.
    expect(h.scheduler.status().schedule).toBeNull();
    expect(existsSync(path.join(h.appDir, 'backup-passphrase.sealed'))).toBe(false);
  });

  // scrypt makes each use of a passphrase slow on purpose: three of them may need more than the usual time.
  it('include the key, encrypted with the passphrase the keychain keeps, so a backup restores on another computer', async () => {
    const h = harness(path.join(root, 'app'), path.join(root, 'backups'));
    const passphrase = 'correct horse battery staple';
    h.scheduler.set({ ...daily(h.folder), includeKey: true, passphrase });
    const done = await h.scheduler.backUpNow();
    expect(done).toMatchObject({
      passphraseSaved: true,
      last: { ok: true, file: path.join(h.folder, 'gatehouse-backup-2026-12-02T07-00-00Z-with-key.tar.gz.enc') },
    });
    expect(readFileSync(path.join(h.appDir, 'backup-passphrase.sealed'), 'utf8')).not.toContain(passphrase);

    // Saving the schedule again without the passphrase keeps the saved one.
    h.advance(HOUR);
    h.scheduler.set({ ...daily(h.folder), includeKey: true });
    expect((await h.scheduler.backUpNow()).last?.ok).toBe(true);

    // Another computer: no key of its own; the backup's key is opened with the passphrase.
    const fresh = path.join(root, 'elsewhere');
    const { encryptionKey: _none, ...withoutKey } = localOptions(await freePort(), fresh);
    await restoreBackup(withoutKey, (done.last as { file: string }).file, { passphrase });
    const restored = createGatehouse(withoutKey);
    try {
      expect(((await restored.runAdmin('users.list', {})) as { users: unknown[] }).users).toHaveLength(3);
    } finally {
      restored.close();
    }

    // Leaving the key out forgets the passphrase.
    expect(h.scheduler.set(daily(h.folder)).passphraseSaved).toBe(false);
    await h.scheduler.backUpNow();
  }, 120_000);
});
