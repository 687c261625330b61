import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The style guide's enforceable rules run with the suite: strict types everywhere, and ESLint's
// file-size and module-boundary rules. A failure prints the offending lines.
const root = path.resolve(__dirname, '..');
const run = (bin: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'node_modules', bin), ...args], { cwd: root, encoding: 'utf8' });

describe('static checks', () => {
  it('TypeScript (strict, noUncheckedIndexedAccess) reports no error', () => {
    const res = run('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
    expect(res.stdout + res.stderr, 'tsc output').toBe('');
    expect(res.status).toBe(0);
  }, 300_000);

  it('ESLint (max-lines, module boundaries, hooks) reports no error', () => {
    const res = run('eslint/bin/eslint.js', ['--quiet', 'server/src', 'contracts', 'web/src', 'e2e', 'bench', 'scripts']);
    expect(res.stdout + res.stderr, 'eslint output').toBe('');
    expect(res.status).toBe(0);
  }, 300_000);
});
