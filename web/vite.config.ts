import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pureContracts } from './pure-contracts.ts';
import { splitLanguages } from './split-languages.ts';
import { chunkGroup } from './chunk-groups.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// `npm run dev:web` proxies the API to a server started with PORT=3100 (override with KITH_API_URL).
const api = process.env.KITH_API_URL ?? 'http://127.0.0.1:3100';
const groupCache = new Map<string, Set<string>>();

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), pureContracts(), splitLanguages()],
  resolve: {
    // The part of i18next and react-i18next the app uses (~1 KiB instead of ~16 KiB of every page's first load);
    // src/i18n/lite/lite.test.ts checks it gives the same text as i18next for every string. Tests use the real ones.
    alias: [
      { find: /^i18next$/, replacement: path.resolve(here, 'src/i18n/lite/i18next.ts') },
      { find: /^react-i18next$/, replacement: path.resolve(here, 'src/i18n/lite/react-i18next.ts') },
      // React Router's production build (its package resolves to the development one, with warnings, for bundlers).
      { find: /^react-router$/, replacement: path.resolve(here, '../node_modules/react-router/dist/production/index.mjs') },
      { find: /^react-router\/dom$/, replacement: path.resolve(here, '../node_modules/react-router/dist/production/dom-export.mjs') },
    ],
  },
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    // dist/web/.vite/manifest.json: which chunks each page loads, read by the page budgets (scripts/web-budget.mjs).
    manifest: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry loads statically (all the sign-in page needs, and the shell every page opens on)
          // in one chunk: left to the automatic split it came in ~23 pieces (Box, useTranslation, useQuery…,
          // shared with lazy chunks), each request and gzip stream costing its own overhead (~9 KiB in all).
          groups: [
            { name: 'index', tags: ['$initial'] },
            // What always loads together (the signed-in shell, the home page, the strings of a language): one chunk each.
            { name: (id, ctx) => chunkGroup(id, ctx, groupCache), debugName: 'kith-groups', includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: api, changeOrigin: false, ws: true } },
  },
});
