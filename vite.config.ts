// Builds the React pages in renderer/ into dist/renderer, which the server serves. The server's CSP
// allows only same-origin scripts and styles, so nothing may be inlined into index.html.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A catalogue file (server/model/locales/<language>/<namespace>.json) goes into its language's chunk. */
function localeChunk(id: string): string | null {
  const language = /locales\/(\w+)\/\w+\.json$/.exec(id)?.[1];
  return language ? `locale-${language}` : null;
}

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // One file per language for the catalogue, fetched only when that language is shown.
      output: {
        codeSplitting: {
          groups: [{ debugName: 'locales', name: localeChunk }],
        },
      },
    },
  },
});
