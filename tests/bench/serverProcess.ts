// Runs a server script of this folder (or a built one, by its absolute path) in a child process and waits for its one JSON "ready" line.
// Everything else the child writes (oidc-provider notices, a crash's stack) is kept, not shown, and
// printed only when the child dies unexpectedly, so the report stays readable.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerReady } from './benchClient.ts';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const KEPT_LINES = 40;

export interface ServerProcess<T extends ServerReady> {
  readonly ready: T;
  stop(): Promise<void>;
}

export async function startServerProcess<T extends ServerReady>(
  script: string,
  args: string[],
  nodeOptions: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerProcess<T>> {
  // Own process group (detached): a Ctrl-C reaches only the driver, which then stops the child itself.
  const child = spawn(process.execPath, [...nodeOptions, path.isAbsolute(script) ? script : fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
    env: { ...process.env, ...env },
  });
  const output: string[] = [];
  const keep = (line: string) => output.push(line) > KEPT_LINES && output.shift();
  createInterface({ input: child.stderr! }).on('line', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n${script} exited unexpectedly (${signal ?? `code ${code}`}); its last output:\n${output.join('\n')}`);
  });

  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not report ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    exited.then(() => reject(new Error(`${script} exited before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return keep(line);
      clearTimeout(timer);
      resolve(JSON.parse(line) as T);
    });
  }).catch((error: unknown) => {
    stopping = true;
    child.kill('SIGKILL');
    throw error;
  });

  return {
    ready,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
