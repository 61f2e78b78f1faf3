#!/usr/bin/env node
// The `gatehouse` command. Plain JavaScript so it can run on any Node: it checks the runtime first,
// because better-sqlite3 13 crashes on Node 20 and the sources rely on Node's TypeScript support (22.18+).
// `serve` then replaces itself (execve) with a Node tuned for a long-running server.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

function serverTuning() {
  if (args[0] !== 'serve' || process.env.GATEHOUSE_TUNED === '1') return undefined;
  const tuning = JSON.parse(readFileSync(new URL('./serverTuning.json', import.meta.url), 'utf8'));
  const custom = process.env.GATEHOUSE_NODE_FLAGS;
  return {
    nodeFlags: custom === undefined ? tuning.nodeFlags : custom.split(/\s+/).filter(Boolean),
    env: { ...tuning.env, ...process.env, GATEHOUSE_TUNED: '1' },
  };
}

const tuning = serverTuning();

/**
 * The built server (`npm run build` writes it) when it is newer than every source file, else the sources:
 * the build starts about twice as fast, and a change to the sources is never hidden by an older build.
 */
function serverEntry() {
  const sources = fileURLToPath(new URL('../server', import.meta.url));
  const built = fileURLToPath(new URL('../dist/server/gatehouse.js', import.meta.url));
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : -1;
  const newer = readdirSync(sources, { recursive: true, withFileTypes: true }).some(
    (entry) => entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > builtAt,
  );
  return newer ? '../server/cli/main.ts' : '../dist/server/gatehouse.js';
}

if (!supported) {
  const pinned = fileURLToPath(new URL(process.platform === 'win32' ? '../node_modules/node/bin/node.exe' : '../node_modules/node/bin/node', import.meta.url));
  if (process.env.GATEHOUSE_REEXEC !== '1' && existsSync(pinned)) {
    const child = spawn(pinned, [...(tuning?.nodeFlags ?? []), self, ...args], {
      stdio: 'inherit',
      env: { ...(tuning?.env ?? process.env), GATEHOUSE_REEXEC: '1' },
    });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.error(
      `gatehouse needs Node.js 22.18 or newer (this is ${process.version}); run it through npm (npx gatehouse, npm start) or install a current Node.js.`,
    );
    process.exit(1);
  }
} else if (tuning && typeof process.execve === 'function' && process.platform !== 'win32') {
  process.execve(process.execPath, [process.execPath, ...tuning.nodeFlags, self, ...args], tuning.env);
} else {
  // V8's compile cache: a restart reads the compiled server rather than compiling it again (about a third of
  // what is left of the start-up). Under systemd the unit's CacheDirectory= keeps it across restarts.
  nodeModule.enableCompileCache?.(process.env.CACHE_DIRECTORY ? path.join(process.env.CACHE_DIRECTORY.split(':')[0], 'node-compile-cache') : undefined);
  await import(serverEntry());
}
