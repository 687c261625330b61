// Builds what `kith` runs: the server bundle (esbuild) and the web app (vite). Skips a part whose
// sources are older than its output, so `npm start` on an installed checkout starts in about a second.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (!/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) {
    const p = path.join(root, d);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    else walk(p);
  }
  return newest;
}

// CommonJS packages that only rare paths use (XLSX import/export, the TOTP QR code, rich-text sanitising):
// the server bundle loads them on first use instead of at start-up, which saves about 60 MB of RSS and
// most of the start-up time. Each is imported by its default export only (checked below), so a proxy that
// forwards property reads, calls and `new` to the real module is exact.
const LAZY_DEFAULT_IMPORTS = ['exceljs', 'qrcode', 'sanitize-html'];

export const lazyDefaultImports = {
  name: 'lazy-default-imports',
  setup(build) {
    const filter = new RegExp(`^(${LAZY_DEFAULT_IMPORTS.map((p) => p.replace(/[-/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-default' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-default' }, (args) => ({
      resolveDir: root,
      loader: 'js',
      contents: `import { createRequire } from 'node:module';
let real;
const load = () => (real ??= createRequire(import.meta.url)(${JSON.stringify(args.path)}));
export default new Proxy(function lazy() {}, {
  get: (_t, key) => load()[key],
  has: (_t, key) => key in load(),
  apply: (_t, self, args) => Reflect.apply(load(), self, args),
  construct: (_t, args) => Reflect.construct(load(), args),
});
`,
    }));
  },
};

/** Fails the build when a lazily loaded package is imported other than by its default export. */
function checkLazyImports(metafile) {
  for (const [file, info] of Object.entries(metafile.inputs)) {
    if (!file.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const pkg of LAZY_DEFAULT_IMPORTS) {
      const re = new RegExp(`import\\s+(?!type\\b)([^;]*?)\\s+from\\s+['"]${pkg}['"]`, 'g');
      for (const m of text.matchAll(re)) {
        if (!/^[A-Za-z_$][\w$]*$/.test(m[1].trim())) {
          throw new Error(`${file}: import ${m[1]} from '${pkg}': only a default import can be loaded lazily (scripts/build.mjs)`);
        }
      }
    }
    void info;
  }
}

function outputMtime(file) {
  const p = path.join(root, file);
  return fs.existsSync(p) ? fs.statSync(p).mtimeMs : -1;
}

export async function buildServer() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'server/src/main.ts')],
    outfile: path.join(root, 'dist/server/main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [lazyDefaultImports],
    metafile: true,
  });
  checkLazyImports(result.metafile);
}

export async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  await precompress(path.join(root, 'dist/web'));
}

const TEXT_ASSET = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml|map)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every text file of the web build,
 * which the server sends by `Accept-Encoding` (server/src/platform/http/static.ts): maximum compression
 * once at build time instead of CPU on every request. A copy that would not be smaller is not written
 * (the plain file is served). Returns the files written.
 */
export async function precompress(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (TEXT_ASSET.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  const written = [];
  await Promise.all(files.map(async (file) => {
    const plain = await fs.promises.readFile(file);
    const [br, gz] = await Promise.all([
      brotli(plain, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length } }),
      gzip(plain, { level: 9 }),
    ]);
    for (const [ext, body] of [['.br', br], ['.gz', gz]]) {
      if (body.length >= plain.length) continue;
      await fs.promises.writeFile(file + ext, body);
      written.push(file + ext);
    }
  }));
  return written;
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
