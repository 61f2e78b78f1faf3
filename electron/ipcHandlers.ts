// The main-process side of the window's bridge: one handler per DesktopApi method. Each checks that the
// call comes from the app's own top-level page and validates its arguments before doing anything.
import { z } from 'zod';
import { ERROR_STATUS, errorAnswer, type ErrorAnswer } from '../server/index.ts';
import type { BackupScheduler } from './backupSchedule.ts';
import type { DesktopApi, DesktopRequest, DesktopStatus, EncryptionKeyRotated, Outcome } from './desktopApi.ts';
import { requestChannel } from './desktopApi.ts';
import { completeSetup } from './firstRunSetup.ts';
import type { DesktopPreferences } from './desktopPreferences.ts';
import { ServerUnavailableError, type ServerController } from './serverController.ts';
import type { StartAtLogin } from './startAtLogin.ts';
import { isAppUrl, isExternalWebUrl } from './trustedUrls.ts';

export interface DesktopHandlerDeps {
  server: ServerController;
  preferences: { read(): DesktopPreferences; update(changes: Partial<DesktopPreferences>): DesktopPreferences };
  startAtLogin: StartAtLogin;
  openExternal(url: string): Promise<void>;
  chooseFile(purpose: 'tls-certificate' | 'tls-key'): Promise<string | null>;
  backups: BackupScheduler;
  chooseFolder(): Promise<string | null>;
  /** Rotates the database key with the server closed (keychainKey.ts's rotateDesktopKey). */
  rotateEncryptionKey(): Promise<Omit<EncryptionKeyRotated, 'status'>>;
  logError(event: string, error: unknown): void;
}

/** The server's status plus the desktop's own switches, as the window and tray show them. */
export function desktopStatus(deps: Pick<DesktopHandlerDeps, 'server' | 'preferences' | 'startAtLogin' | 'backups'>): DesktopStatus {
  return {
    ...deps.server.snapshot(),
    startAtLogin: deps.startAtLogin.isEnabled(),
    startServerAtLaunch: deps.preferences.read().startServerAtLaunch,
    backup: deps.backups.status(),
  };
}

const ARGUMENTS = {
  status: z.tuple([]),
  startServer: z.tuple([]),
  stopServer: z.tuple([]),
  admin: z.tuple([z.string().regex(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, 'must be an operation name such as users.list'), z.unknown()]),
  completeSetup: z.tuple([z.unknown()]),
  setStartAtLogin: z.tuple([z.boolean()]),
  setStartServerAtLaunch: z.tuple([z.boolean()]),
  openExternal: z.tuple([z.string().refine(isExternalWebUrl, 'must be an http or https address')]),
  chooseFile: z.tuple([z.enum(['tls-certificate', 'tls-key'])]),
  // The schedule's own schema checks the choice, so that a refusal names its field.
  setBackupSchedule: z.tuple([z.unknown()]),
  backUpNow: z.tuple([]),
  chooseFolder: z.tuple([]),
  rotateEncryptionKey: z.tuple([]),
} satisfies Record<DesktopRequest, z.ZodType>;

type Handlers = { [Method in DesktopRequest]: (...args: Parameters<DesktopApi[Method]>) => ReturnType<DesktopApi[Method]> };

export function desktopHandlers(deps: DesktopHandlerDeps): Handlers {
  const status = () => desktopStatus(deps);
  const outcome = async <T>(event: string, work: () => Promise<T>): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const answer: ErrorAnswer | undefined = errorAnswer(error) ?? (error instanceof ServerUnavailableError ? error.answer : undefined);
      if (answer) return { ok: false, error: answer };
      deps.logError(event, error);
      return {
        ok: false,
        error: {
          status: ERROR_STATUS.server_error,
          error: 'server_error',
          message: 'Something went wrong inside Gatehouse. Try again; if it keeps happening, check the Gatehouse log.',
        },
      };
    }
  };
  return {
    status: async () => status(),
    startServer: async () => {
      await deps.server.start();
      return status();
    },
    stopServer: async () => {
      await deps.server.stop();
      return status();
    },
    admin: (operation, input) => outcome('desktop.admin_failed', () => deps.server.runAdmin(operation, input)),
    completeSetup: (choices) => outcome('desktop.setup_failed', async () => ({ ...(await completeSetup(deps.server, choices)), status: status() })),
    setStartAtLogin: async (enabled) => {
      deps.startAtLogin.setEnabled(enabled);
      return status();
    },
    setStartServerAtLaunch: async (enabled) => {
      deps.preferences.update({ startServerAtLaunch: enabled });
      return status();
    },
    openExternal: (url) => deps.openExternal(url),
    chooseFile: (purpose) => deps.chooseFile(purpose),
    setBackupSchedule: (choice) =>
      outcome('desktop.backup_schedule_failed', async () => {
        deps.backups.set(choice);
        return status();
      }),
    backUpNow: async () => {
      // Without a schedule there is nowhere to back up to: the panel offers the button only with one.
      if (deps.backups.status().schedule) await deps.backups.backUpNow();
      return status();
    },
    chooseFolder: () => deps.chooseFolder(),
    rotateEncryptionKey: () => outcome('desktop.key_rotation_failed', async () => ({ ...(await deps.rotateEncryptionKey()), status: status() })),
  };
}

/** What Electron tells a handler about who called. */
export interface IpcCaller {
  senderFrame: { url: string; parent: unknown } | null;
}

/** Only the app's own page, in the top frame, may call: never a frame or a page that got navigated elsewhere. */
export function isTrustedSender(caller: IpcCaller): boolean {
  const frame = caller.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export class IpcRefusedError extends Error {}

/** Runs a handler for one IPC call: refuses untrusted senders and bad arguments with a sentence. */
export function guardedCall(handlers: Handlers, method: DesktopRequest, caller: IpcCaller, args: unknown[]): Promise<unknown> {
  if (!isTrustedSender(caller)) {
    return Promise.reject(new IpcRefusedError(`Refused ${requestChannel(method)}: only Gatehouse's own window may call it.`));
  }
  const parsed = ARGUMENTS[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Promise.reject(new IpcRefusedError(`Refused ${requestChannel(method)}: argument ${issue.path.join('.') || ''} ${issue.message}.`));
  }
  return (handlers[method] as (...values: unknown[]) => Promise<unknown>)(...parsed.data);
}

/** The part of ipcMain this needs. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: IpcCaller, ...args: unknown[]) => Promise<unknown>): void;
}

export function registerDesktopIpc(ipcMain: IpcRegistry, handlers: Handlers): void {
  for (const method of Object.keys(ARGUMENTS) as DesktopRequest[]) {
    ipcMain.handle(requestChannel(method), (event, ...args) => guardedCall(handlers, method, event, args));
  }
}
