#!/usr/bin/env node
// The `gatehouse` command. Plain JavaScript so it can run on any Node: it checks the runtime first,
// because better-sqlite3 13 crashes on Node 20 and the sources rely on Node's TypeScript support (22.18+).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

if (!supported) {
  const pinned = fileURLToPath(new URL(
    process.platform === 'win32' ? '../node_modules/node/bin/node.exe' : '../node_modules/node/bin/node',
    import.meta.url,
  ));
  if (process.env.GATEHOUSE_REEXEC !== '1' && existsSync(pinned)) {
    const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, GATEHOUSE_REEXEC: '1' },
    });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.error(`gatehouse needs Node.js 22.18 or newer (this is ${process.version}); run it through npm (npx gatehouse, npm start) or install a current Node.js.`);
    process.exit(1);
  }
} else {
  await import('../server/cli/main.ts');
}
