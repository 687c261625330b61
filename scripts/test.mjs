// `npm test`: builds what the browser tests serve, runs the whole Vitest suite (unit, integration on
// SQLite and PostgreSQL, Chromium journeys) and ends with the line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await ensureBuilt();
const report = path.join(root, '.tmp', 'vitest-report.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const res = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: process.env },
);
let passed = 0, failed = 0, skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  // A file that fails to load has no failed test but a failed suite: count it too.
  failed = (r.numFailedTests ?? 0) + (r.numFailedTests === 0 ? (r.numFailedTestSuites ?? 0) : 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else if (res.status !== 0) failed = 1;
const code = res.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a run that failed outside a test (setup, collection) still fails
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(code);
