// `npm start` and `npm run dev`: opens the desktop app where there is a display and the Electron runtime,
// and otherwise runs the same server headless, saying in one line why and where the console is.
// With --dev, the UI and the desktop code rebuild on change; the window reloads, the app restarts.
// The configuration flags of `gatehouse serve` (`npm start -- --port 4602`) go to either.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, watch } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FLAG_OPTIONS, configFlagValues, loadOptions } from '../server/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
/** The configuration flags as given, passed on to the server or the desktop app. */
const configArgs = process.argv.slice(2).filter((arg) => arg !== '--dev');

/** Refuses, in one line, anything that is not a configuration flag (it would otherwise be ignored). */
function readConfigFlags(): ReturnType<typeof configFlagValues> {
  try {
    return configFlagValues(parseArgs({ args: configArgs, options: CONFIG_FLAG_OPTIONS, strict: true, allowPositionals: false }).values);
  } catch (error) {
    const reason = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').split('\n')[0];
    process.stderr.write(`gatehouse: ${reason}; npm start takes the configuration flags of gatehouse serve (see npx gatehouse serve --help)\n`);
    process.exit(2);
  }
}

/** Why the desktop window cannot open here, or undefined when it can (given the runtime). */
export function displayMissing(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  if (env.GATEHOUSE_HEADLESS === '1') return 'GATEHOUSE_HEADLESS=1 is set';
  if (platform === 'darwin' || platform === 'win32') return undefined;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)';
  return undefined;
}

/** The Electron executable, downloading it on first use (Electron fetches its runtime lazily). */
function electronRuntime(): { executable: string } | { missing: string } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const installed = () => {
    const pathFile = path.join(packageDir, 'path.txt');
    const executable = existsSync(pathFile) && path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return executable && existsSync(executable) ? executable : undefined;
  };
  const present = installed();
  if (present) return { executable: present };
  process.stdout.write('Downloading the Electron runtime (first start only)…\n');
  const download = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 });
  const executable = installed();
  if (executable) return { executable };
  const output = `${download.stderr ?? ''}\n${download.stdout ?? ''}`;
  const cause = /getaddrinfo \S+ \S+|E[A-Z]{3,} \S+|[A-Za-z]*Error: [^\n]+/.exec(output)?.[0] ?? (download.error?.message || 'no details');
  return { missing: `the Electron runtime is not installed and could not be downloaded (${cause})` };
}

function consoleAddress(flags: ReturnType<typeof configFlagValues>): string {
  try {
    return `${loadOptions({ flags }).issuer}/admin`;
  } catch {
    return 'the issuer address followed by /admin (see the configuration error below)';
  }
}

/** Runs the watcher that rebuilds the UI while developing (the window reloads it). */
function startRebuilding(): ChildProcess[] {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return [spawn(npx, ['vite', 'build', '--watch', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })];
}

/** Rebuilds the desktop app (dist/desktop) after a change to its sources, then calls `rebuilt`. */
function rebuildDesktopOnChange(rebuilt: () => void): void {
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      building = building.then(async () => {
        try {
          const { buildDesktop } = await import('../build/buildDesktop.ts');
          await buildDesktop();
          rebuilt();
        } catch (error) {
          process.stderr.write(`gatehouse: the desktop app did not build, so the running one stays: ${(error as Error).message}\n`);
        }
      });
    }, 300);
  };
  for (const folder of ['electron', 'server']) watch(path.join(root, folder), { recursive: true }, rebuild);
}

function runDesktop(executable: string, helpers: ChildProcess[]): void {
  let app: ChildProcess;
  let restarting = false;
  const open = () => {
    app = spawn(executable, [root, ...configArgs], { stdio: 'inherit', env: { ...process.env, ...(dev ? { GATEHOUSE_DEV: '1' } : {}) } });
    app.on('exit', (code) => {
      if (restarting) return;
      for (const helper of helpers) helper.kill();
      process.exit(code ?? 0);
    });
  };
  open();
  if (dev) {
    // The main process cannot reload itself: restart the app once its code is rebuilt.
    rebuildDesktopOnChange(() => {
      restarting = true;
      app.once('exit', () => {
        restarting = false;
        open();
      });
      app.kill();
    });
  }
}

function runHeadless(reason: string, flags: ReturnType<typeof configFlagValues>, helpers: ChildProcess[]): void {
  process.stdout.write(
    `Gatehouse: the desktop window cannot open because ${reason}, so the server runs headless; the console is at ${consoleAddress(flags)}\n`,
  );
  const gatehouse = path.join(root, 'bin', 'gatehouse.js');
  const args = [...(dev ? ['--watch-path', path.join(root, 'server')] : []), gatehouse, 'serve', ...configArgs];
  // Under --watch the server must stay this process's child; bin/gatehouse.js would otherwise replace itself.
  const env = dev ? { ...process.env, GATEHOUSE_TUNED: '1' } : process.env;
  const server = spawn(process.execPath, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => {
    for (const helper of helpers) helper.kill();
    process.exit(code ?? (signal ? 0 : 1));
  });
}

if (import.meta.main) {
  const flags = readConfigFlags();
  const helpers = dev ? startRebuilding() : [];
  const noDisplay = displayMissing(process.env, process.platform);
  const runtime = noDisplay ? undefined : electronRuntime();
  if (runtime && 'executable' in runtime) runDesktop(runtime.executable, helpers);
  else runHeadless(noDisplay ?? (runtime as { missing: string }).missing, flags, helpers);
}
