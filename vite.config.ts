// Builds the React pages in renderer/ into dist/renderer, which the server serves. The server's CSP
// allows only same-origin scripts and styles, so nothing may be inlined into index.html.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
      output: { codeSplitting: { groups: [{ name: (id: string) => /locales\/(\w+)\/\w+\.json$/.exec(id)?.[1]?.replace(/^/, 'locale-') ?? null }] } },
    },
  },
});
