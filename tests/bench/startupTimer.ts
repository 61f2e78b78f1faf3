// Start-up as an owner meets it: from spawning a server to its first 200 from the discovery document.
// `gatehouse serve` runs as installed (bin/gatehouse.js, so with its re-execution into the tuned Node and the
// built server when it is fresh); the desktop app runs as `npm run build:desktop` built it; the baseline is
// plain oidc-provider with a stored key, spawned by the same Node.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP_DIR } from '../../build/buildDesktop.ts';
import { BIN } from '../support/cliProcess.ts';
import { freePort, TEST_ENCRYPTION_KEY } from '../support/testServer.ts';

const POLL_MS = 5;
const GIVE_UP_MS = 60_000;

export interface StartupCommand {
  command: string[];
  env?: NodeJS.ProcessEnv;
}

export const serveCommand = (dataDir: string, port: number): StartupCommand => ({
  command: [process.execPath, BIN, 'serve', '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1'],
  env: { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY },
});

/**
 * The desktop app as `npm run build:desktop` builds it, in plain Node with a stand-in for Electron (which
 * cannot run here): it loads the shell and the server and starts the server at launch, as the app does.
 */
export const desktopCommand = (userData: string, port: number): StartupCommand => ({
  command: [process.execPath, '--import', fileURLToPath(new URL('withElectronStandIn.ts', import.meta.url)), path.join(DESKTOP_DIR, 'main.js')],
  env: {
    GATEHOUSE_BENCH_USER_DATA: userData,
    XDG_CONFIG_HOME: path.join(userData, 'xdg-config'),
    GATEHOUSE_PORT: String(port),
    GATEHOUSE_HOST: '127.0.0.1',
    GATEHOUSE_LOG_LEVEL: 'silent',
  },
});

export const plainProviderCommand = (keyFile: string, port: number): StartupCommand => ({
  command: [process.execPath, fileURLToPath(new URL('plainProvider.ts', import.meta.url)), '1', '--port', String(port), '--key-file', keyFile],
});

/** Seconds from spawn to the first 200 from discovery; the server is then stopped (SIGTERM) and waited for. */
export async function timeToDiscovery(start: (port: number) => StartupCommand): Promise<number> {
  const port = await freePort();
  const { command, env } = start(port);
  const began = performance.now();
  const child = spawn(command[0]!, command.slice(1), { stdio: 'ignore', env: { ...process.env, ...env } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let died = false;
  void exited.then(() => {
    died = true;
  });
  try {
    for (;;) {
      if (died) throw new Error(`${command.slice(1, 3).join(' ')} exited before answering discovery`);
      if (performance.now() - began > GIVE_UP_MS) throw new Error(`${command.slice(1, 3).join(' ')} did not answer discovery within ${GIVE_UP_MS / 1000} s`);
      const answered = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status === 200;
        },
        () => false,
      );
      if (answered) return (performance.now() - began) / 1000;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
