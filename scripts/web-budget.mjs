// Page weights of the production web build (dist/web), checked against scripts/web-budgets.json.
// A page loads the entry chunk with everything it imports statically (the shell every page shares, and all
// the sign-in page needs), then the chunks of its lazy modules. Its *own* JavaScript is what it loads beyond
// the shell. Sizes are gzip -9 bytes, as the browser downloads them from a server without brotli.
//   node scripts/web-budget.mjs            prints the report (bench/README.md keeps the latest)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const KiB = 1024;

/** Manifest keys reachable from `keys` through static imports (what loading those modules fetches). */
export function closure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest (renamed? update scripts/web-budgets.json)`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return seen;
}

/**
 * The lazy modules a page loads: its `load`, the manifest keys matching its `loadMatching` patterns, and, for a
 * page with `signedIn`, those of `budgets.signedIn` (the shell and what loads with it on every signed-in page: the
 * header's items and their strings) and, unless the page has `ownStrings` (the home page), those of
 * `budgets.allStrings` (every module's strings, which the other signed-in pages wait for).
 */
export function pageLoads(manifest, budgets, page) {
  const parts = [page, ...(page.signedIn ? [budgets.signedIn ?? {}, ...(page.ownStrings ? [] : [budgets.allStrings ?? {}])] : [])];
  const keys = parts.flatMap((p) => p.load ?? []);
  for (const pattern of parts.flatMap((p) => p.loadMatching ?? [])) {
    const re = new RegExp(pattern);
    const found = Object.keys(manifest).filter((k) => re.test(k));
    if (!found.length) throw new Error(`no chunk of the build manifest matches ${pattern} (update scripts/web-budgets.json)`);
    keys.push(...found);
  }
  return keys;
}

/**
 * Each page's JavaScript: `total` (shell + own) and `own` (beyond the shell), in bytes from `sizeOf(file)`.
 *
 * @example pageWeights(manifest, budgets, (f) => gzipSize(f)).home.own
 */
export function pageWeights(manifest, budgets, sizeOf) {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('the build manifest has no entry');
  const shell = closure(manifest, [entry]);
  const bytes = (keys) => [...keys].reduce((n, k) => n + sizeOf(manifest[k].file), 0);
  const out = {};
  for (const [name, page] of Object.entries(budgets.pages)) {
    const own = [...closure(manifest, pageLoads(manifest, budgets, page))].filter((k) => !shell.has(k));
    const largest = [...own].sort((a, b) => sizeOf(manifest[b].file) - sizeOf(manifest[a].file));
    out[name] = { shell: bytes(shell), own: bytes(own), total: bytes(shell) + bytes(own), chunks: largest.map((k) => manifest[k].file) };
  }
  return out;
}

/** Every budget a page exceeds, as sentences; empty when all pass. */
export function budgetViolations(weights, budgets) {
  const problems = [];
  for (const [name, page] of Object.entries(budgets.pages)) {
    const w = weights[name];
    const kib = (n) => (n / KiB).toFixed(1);
    if (page.totalKiB !== undefined && w.total > page.totalKiB * KiB) {
      problems.push(`${name}: ${kib(w.total)} KiB of JavaScript (gzip) in all, budget ${page.totalKiB} KiB`);
    }
    if (page.ownKiB !== undefined && w.own > page.ownKiB * KiB) {
      problems.push(`${name}: its own chunks are ${kib(w.own)} KiB (gzip), budget ${page.ownKiB} KiB`);
    }
  }
  return problems;
}

export function readBudgets() {
  return JSON.parse(fs.readFileSync(path.join(root, 'scripts/web-budgets.json'), 'utf8'));
}

/** Weights of the build in `webDir` (default dist/web), gzip -9 sizes. */
export function measureBuild(webDir = path.join(root, 'dist/web'), budgets = readBudgets()) {
  const manifest = JSON.parse(fs.readFileSync(path.join(webDir, '.vite/manifest.json'), 'utf8'));
  const sizes = new Map();
  const sizeOf = (file) => {
    if (!sizes.has(file)) sizes.set(file, zlib.gzipSync(fs.readFileSync(path.join(webDir, file)), { level: 9 }).length);
    return sizes.get(file);
  };
  return pageWeights(manifest, budgets, sizeOf);
}

/** The Markdown table bench/README.md shows. */
export function report(weights, budgets) {
  const kib = (n) => (n / KiB).toFixed(1);
  const rows = Object.entries(weights).map(([name, w]) => {
    const b = budgets.pages[name];
    return `| ${name} | ${kib(w.total)}${b.totalKiB ? ` / ${b.totalKiB}` : ''} | ${kib(w.own)}${b.ownKiB !== undefined ? ` / ${b.ownKiB}` : ''} | ${w.chunks.length ? `${w.chunks.length}: ${w.chunks.slice(0, 3).map((c) => c.replace(/^assets\/|-[\w-]{8}\.js$/g, '')).join(', ')}${w.chunks.length > 3 ? ', …' : ''}` : '—'} |`;
  });
  return ['| Page | JS in all, KiB gzip (/ budget) | Own chunks, KiB gzip (/ budget) | Own chunks: count, largest |', '|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const budgets = readBudgets();
  const weights = measureBuild(undefined, budgets);
  console.log(report(weights, budgets));
  const problems = budgetViolations(weights, budgets);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}
