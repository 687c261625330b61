#!/usr/bin/env node
// The `kith` command: builds what is stale, then runs the server bundle's CLI.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await ensureBuilt({ quiet: process.argv[2] !== 'start' });
await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);
