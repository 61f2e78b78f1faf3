// Owns the one Gatehouse instance of the desktop app: starts and stops its server, turns failures into
// sentences for the window and the tray, and re-creates it when a setting it starts with changes.
// Electron-free, so it is tested against a real server.
import { createGatehouse, ERROR_STATUS, errorAnswer, type ErrorAnswer, type Gatehouse, type GatehouseDeps, type GatehouseOptions } from '../server/index.ts';
import type { ServerSnapshot } from './desktopApi.ts';

export interface ServerControllerOptions {
  /** Reads the options afresh (gatehouse.yaml may have changed); throws a ConfigError when they are wrong. */
  loadOptions(): GatehouseOptions;
  deps?: GatehouseDeps;
  /** Sentences the desktop adds (such as the key being kept in a file rather than the keychain). */
  warnings?: () => string[];
}

export interface ServerController {
  snapshot(): ServerSnapshot;
  start(): Promise<ServerSnapshot>;
  stop(): Promise<ServerSnapshot>;
  /** Runs an admin operation as the desktop owner; a change to a startup setting restarts the server. */
  runAdmin(operation: string, input: unknown): Promise<unknown>;
  /** Re-reads the options and re-creates the instance, running again if it was running or failed to. */
  reload(): Promise<ServerSnapshot>;
  /** Stops the server and closes the database, runs `action` (a key rotation), then opens it again as reload does. */
  closedWhile<T>(action: () => T | Promise<T>): Promise<T>;
  onChange(listener: (snapshot: ServerSnapshot) => void): () => void;
  /** Stops the server and closes the database, for quitting. */
  shutdown(): Promise<void>;
}

export class ServerUnavailableError extends Error {
  readonly answer: ErrorAnswer;
  constructor(message: string) {
    super(message);
    this.answer = { status: ERROR_STATUS.server_unavailable, error: 'server_unavailable', message };
  }
}

export function createServerController(config: ServerControllerOptions): ServerController {
  let gatehouse: Gatehouse | undefined;
  /** Set when an operation saved start-up settings, which the desktop applies by restarting the server. */
  let restartPending = false;
  // The window's own call restarts once its answer is in (runAdmin below); a browser's call to the admin
  // API restarts once its answer is written.
  const restartAfterAnswer = () => {
    restartPending = true;
    setImmediate(() => {
      if (!restartPending) return;
      restartPending = false;
      void reload();
    });
  };
  /** Why there is no instance, or why its server is not running. */
  let failure: Failure | null = null;
  let lastOptions: Pick<GatehouseOptions, 'issuer' | 'port' | 'host'> = { issuer: '', port: 0, host: '' };
  const listeners = new Set<(snapshot: ServerSnapshot) => void>();

  const open = () => {
    try {
      const options = config.loadOptions();
      lastOptions = options;
      gatehouse = createGatehouse(options, { ...config.deps, onStartupSettingsSaved: restartAfterAnswer });
      failure = null;
    } catch (error) {
      gatehouse = undefined;
      failure = failureOf(error, 'Gatehouse could not open its data');
    }
  };

  const snapshot = (): ServerSnapshot => {
    if (!gatehouse) {
      return {
        ...lastOptions,
        state: 'error',
        error: failure?.message ?? null,
        errorField: failure?.field ?? null,
        needsSetup: false,
        warnings: [...(config.warnings?.() ?? [])],
      };
    }
    const status = gatehouse.status();
    // A failure is what the owner sees only while the server is stopped because of it.
    const shown = status.state === 'stopped' ? failure : null;
    return {
      state: shown ? 'error' : status.state,
      issuer: status.issuer,
      port: status.port ?? gatehouse.options.port,
      host: status.host,
      error: shown?.message ?? null,
      errorField: shown?.field ?? null,
      needsSetup: status.needsSetup,
      warnings: [...(config.warnings?.() ?? []), ...gatehouse.warnings()],
    };
  };

  const changed = () => {
    const current = snapshot();
    for (const listener of listeners) listener(current);
    return current;
  };

  const start = async () => {
    if (!gatehouse) open();
    if (gatehouse?.status().state !== 'stopped') return changed();
    const starting = gatehouse.start();
    changed();
    try {
      await starting;
      failure = null;
    } catch (error) {
      failure = failureOf(error, 'The server could not start');
      gatehouse.logger.error({ event: 'server.start_failed', message: failure.message });
    }
    return changed();
  };

  const stop = async () => {
    if (gatehouse?.status().state === 'running') {
      const stopping = gatehouse.stop();
      changed();
      await stopping;
    }
    failure = gatehouse ? null : failure;
    return changed();
  };

  const closedWhile = async <T>(action: () => T | Promise<T>): Promise<T> => {
    const wasServing = gatehouse?.status().state === 'running' || failure !== null;
    if (gatehouse) {
      await gatehouse.stop();
      gatehouse.close();
      gatehouse = undefined;
    }
    try {
      return await action();
    } finally {
      open();
      if (gatehouse && wasServing) await start();
      else changed();
    }
  };

  const reload = async () => {
    await closedWhile(() => undefined);
    return snapshot();
  };

  const required = (): Gatehouse => {
    if (!gatehouse) throw new ServerUnavailableError(`${failure?.message ?? 'Gatehouse could not open its data'}. Fix that and restart Gatehouse.`);
    return gatehouse;
  };

  open();
  return {
    snapshot,
    start,
    stop,
    reload,
    closedWhile,
    async runAdmin(operation, input) {
      const result = await required().runAdmin(operation, input, { kind: 'desktop' });
      // Saved start-up settings asked for a restart (onStartupSettingsSaved); it follows the answer.
      if (restartPending) {
        restartPending = false;
        await reload();
      } else changed();
      return result;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async shutdown() {
      if (!gatehouse) return;
      await gatehouse.stop();
      gatehouse.close();
      gatehouse = undefined;
    },
  };
}

interface Failure {
  message: string;
  /** The setting at fault (port, host, tlsCertFile, ...), when Gatehouse's error names one. */
  field?: string;
}

/** A failure as one sentence: Gatehouse's own errors say what to do; anything else is named plainly. */
function failureOf(error: unknown, context: string): Failure {
  const answer = errorAnswer(error);
  if (answer) return { message: answer.message, ...(answer.field ? { field: answer.field } : {}) };
  const message = (error as Error).message ?? String(error);
  return { message: `${context}: ${message.split('\n').join('; ')}` };
}
