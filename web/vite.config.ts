import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pureContracts } from './pure-contracts.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// `npm run dev:web` proxies the API to a server started with PORT=3100 (override with KITH_API_URL).
const api = process.env.KITH_API_URL ?? 'http://127.0.0.1:3100';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), pureContracts()],
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    // dist/web/.vite/manifest.json: which chunks each page loads, read by the page budgets (scripts/web-budget.mjs).
    manifest: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': { target: api, changeOrigin: false, ws: true } },
  },
});
