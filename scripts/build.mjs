// Builds what `kith` runs: the server bundle (esbuild) and the web app (vite). Skips a part whose
// sources are older than its output, so `npm start` on an installed checkout starts in about a second.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of dirs) walk(path.join(root, d));
  return newest;
}

function outputMtime(file) {
  const p = path.join(root, file);
  return fs.existsSync(p) ? fs.statSync(p).mtimeMs : -1;
}

export async function buildServer() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'server/src/main.ts')],
    outfile: path.join(root, 'dist/server/main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

export async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
}

/** Builds stale parts; `force` rebuilds both. */
export async function ensureBuilt({ force = false, quiet = false } = {}) {
  const say = (m) => quiet || console.log(m);
  if (force || newestMtime(['server/src', 'contracts', 'package.json']) > outputMtime('dist/server/main.js')) {
    say('Building server…');
    await buildServer();
  }
  if (fs.existsSync(path.join(root, 'web/vite.config.ts')) &&
      (force || newestMtime(['web', 'contracts']) > outputMtime('dist/web/index.html'))) {
    say('Building web app (first start takes a little longer)…');
    await buildWeb();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureBuilt({ force: process.argv.includes('--force') });
}
