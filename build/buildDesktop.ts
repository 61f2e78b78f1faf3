// `npm run build:desktop` builds what Electron runs, in dist/desktop: `main.js`, the shell and the server
// in one program (as `gatehouse serve` runs, through build/buildServer.ts: the same start-up and memory,
// and two folders below the project root, where the server finds package.json), the chunks it loads
// later, and `preload.cjs`, the window's bridge, on its own: a sandboxed preload loads no other module.
//
//   node build/buildDesktop.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { bundleServer } from './buildServer.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DESKTOP_DIR = path.join(ROOT, 'dist', 'desktop');

export const buildDesktop = (): Promise<void> =>
  bundleServer(path.join(ROOT, 'electron', 'main.ts'), DESKTOP_DIR, {
    entryFileName: 'main.js',
    external: ['electron'],
    alongside: async (dir) => {
      await build({
        input: path.join(ROOT, 'electron', 'preload.cts'),
        platform: 'node',
        external: ['electron'],
        logLevel: 'warn',
        output: { file: path.join(dir, 'preload.cjs'), format: 'cjs' },
      });
    },
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDesktop();
