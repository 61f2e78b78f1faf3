// `npm run build` also builds the server: `server/cli/main.ts` and everything it imports, its pure-JavaScript
// dependencies included, in dist/server/gatehouse.js (and a chunk or two it loads later), which
// `bin/gatehouse.js` runs when it is newer than the sources. It starts about twice as fast as the sources:
// Node then strips no types and resolves, reads and compiles no module tree of several hundred files.
//
//   node build/buildServer.ts
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { lazyRuntimeData } from './lazyRuntimeData.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_DIR = path.join(ROOT, 'dist', 'server');
const ENTRY = 'gatehouse.js';

/**
 * Packages loaded from node_modules at run time: native addons (their .node files are found next to their
 * JavaScript) and simple-icons, whose SVG files are read from the package.
 */
const KEPT_OUTSIDE = ['better-sqlite3', 'sharp', 'simple-icons'];

const BUILD_INFO = path.join(ROOT, 'server', 'config', 'buildInfo.ts');

/** Builds the server that `gatehouse` runs, in dist/server. */
export const buildServer = (): Promise<void> => bundleServer(path.join(ROOT, 'server', 'cli', 'main.ts'), SERVER_DIR);

/** How a program made of the server's code differs from `gatehouse`. */
export interface BundleOptions {
  /** The entry's file name (default `gatehouse.js`). */
  entryFileName?: string;
  /** More packages left to the runtime, as `electron` is by the desktop app. */
  external?: readonly string[];
  /** Writes more files into the build's folder before it is moved in place. */
  alongside?: (dir: string) => Promise<void>;
}

/**
 * Builds a program made of the server's code (the CLI, the desktop app, or the benchmark's server) into
 * `outDir`, a folder two below the project root so that server/config/installPaths.ts holds there: the
 * entry and the chunks it loads later (what only some requests need). Built beside it, then moved in
 * place: a start meanwhile runs the old build or the new one (for the moment between the two moves,
 * `gatehouse` runs the sources).
 */
export async function bundleServer(input: string, outDir: string, options: BundleOptions = {}): Promise<void> {
  const builtAt = new Date().toISOString();
  mkdirSync(path.dirname(outDir), { recursive: true });
  const building = mkdtempSync(`${outDir}-building-`);
  const previous = `${building}-previous`;
  try {
    await build({
      input,
      plugins: [{ name: 'build-info', load: (id) => (id === BUILD_INFO ? `export const BUILT_AT = ${JSON.stringify(builtAt)};` : null) }, lazyRuntimeData],
      platform: 'node',
      // node:http alone is not left to Node's loader: lazyRuntimeData gives it to the server (see there why).
      external: [/^node:(?!http$)/, ...[...KEPT_OUTSIDE, ...(options.external ?? [])].map((name) => new RegExp(`^${name}(/|$)`))],
      // koa's deprecation helper builds functions with eval; it is theirs, and harmless here.
      checks: { eval: false },
      logLevel: 'warn',
      output: {
        dir: building,
        entryFileNames: options.entryFileName ?? ENTRY,
        chunkFileNames: '[name]-[hash].js',
        format: 'esm',
        // Smaller and ASCII only, so Node reads and parses less at each start; names are kept for stack traces.
        minify: { compress: false, mangle: false, codegen: { removeWhitespace: true, asciiOnly: true } },
      },
    });
    await options.alongside?.(building);
    // Readable by a service's own user, as the rest of an installation is (a temporary directory is not).
    chmodSync(building, 0o755);
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(building, outDir);
  } finally {
    rmSync(building, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
