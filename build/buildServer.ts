// `npm run build` also builds the server: `server/cli/main.ts` and everything it imports, its pure-JavaScript
// dependencies included, in one file, dist/server/gatehouse.js, which `bin/gatehouse.js` runs when it is newer
// than the sources. One file starts about twice as fast as the sources: Node then strips no types and
// resolves, reads and compiles no module tree of several hundred files.
//
//   node build/buildServer.ts
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'gatehouse.js');

/**
 * Packages loaded from node_modules at run time: native addons (their .node files are found next to their
 * JavaScript) and simple-icons, whose SVG files are read from the package.
 */
const KEPT_OUTSIDE = ['better-sqlite3', 'sharp', 'simple-icons'];

const BUILD_INFO = path.join(ROOT, 'server', 'config', 'buildInfo.ts');

/** Builds the server file; written beside it first, then moved in place, so a start meanwhile reads the old file or the new one. */
export async function buildServer(): Promise<void> {
  const builtAt = new Date().toISOString();
  mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  const building = mkdtempSync(path.join(path.dirname(SERVER_BUNDLE), 'building-'));
  const file = path.join(building, path.basename(SERVER_BUNDLE));
  try {
    await build({
      input: path.join(ROOT, 'server', 'cli', 'main.ts'),
      plugins: [{ name: 'build-info', load: (id) => (id === BUILD_INFO ? `export const BUILT_AT = ${JSON.stringify(builtAt)};` : null) }],
      platform: 'node',
      external: [/^node:/, ...KEPT_OUTSIDE.map((name) => new RegExp(`^${name}(/|$)`))],
      // koa's deprecation helper builds functions with eval; it is theirs, and harmless here.
      checks: { eval: false },
      logLevel: 'warn',
      output: { file, format: 'esm', minify: 'dce-only' },
    });
    renameSync(file, SERVER_BUNDLE);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
