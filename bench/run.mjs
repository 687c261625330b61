// Runs a TypeScript bench (bench/*.bench.ts) that imports the server's own code: bundles it with esbuild
// (packages stay external) into .tmp/bench and executes it. Usage: node bench/run.mjs customers [--args]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import esbuild from 'esbuild';
import { root } from './lib.mjs';

const name = process.argv[2];
if (!name) {
  console.error('usage: node bench/run.mjs <name> [options]   (runs bench/<name>.bench.ts)');
  process.exit(2);
}
const outfile = path.join(root, '.tmp', 'bench', `${name}.mjs`);
await esbuild.build({
  entryPoints: [path.join(root, 'bench', `${name}.bench.ts`)],
  outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
});
process.argv.splice(2, 1);
await import(pathToFileURL(outfile).href);
