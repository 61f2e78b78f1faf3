// Which process serves a data directory: `server.pid` in it, written at start and removed at stop, so
// that commands which must not run beside a server (restore, a key rotation) can refuse while one does.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '../backup/staging.ts';

export const PID_FILE_NAME = 'server.pid';

const pidFile = (dataDir: string) => path.join(dataDir, PID_FILE_NAME);

export function recordRunningServer(dataDir: string): void {
  const file = pidFile(dataDir);
  // Written whole under another name first: a reader never sees a half-written pid.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${process.pid}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** Removes the file if it still names this process (another server may have started on the directory since). */
export function forgetRunningServer(dataDir: string): void {
  if (readPid(dataDir) === process.pid) rmSync(pidFile(dataDir), { force: true });
}

/** The pid of the server running on `dataDir`, or null: no file, or its process is gone (a crash or kill -9 left it). */
export function runningServerPid(dataDir: string): number | null {
  const pid = readPid(dataDir);
  if (pid === null) return null;
  // Our own pid in a file older than this process is a leftover of an earlier process that had it (pid 1 of
  // a container that ran the server before): only a file this process wrote means it serves here.
  if (pid === process.pid) return statSync(pidFile(dataDir)).mtimeMs >= Date.now() - process.uptime() * 1000 - 1000 ? pid : null;
  return processAlive(pid) ? pid : null;
}

function readPid(dataDir: string): number | null {
  let content: string;
  try {
    content = readFileSync(pidFile(dataDir), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(content.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}
