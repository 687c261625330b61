/**
 * Migrations never run live module code: a migration must do the same thing whenever a database runs it, and
 * live code (a module's logic, definitions, services, contracts) keeps changing. A migration may import kysely,
 * Node built-ins, platform/db helpers (whose SQL for an existing call never changes: see search-ddl.ts),
 * platform/ids.ts, and its module's `*.migrations.frozen.ts` copies; type-only imports are free.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const migrationFiles = walk(src).filter((f) => !f.endsWith('.test.ts') && (f.endsWith('.migrations.ts')
  || (path.dirname(f) === path.join(src, 'platform/db/migrations') && f.endsWith('.ts'))));
const frozenFiles = walk(src).filter((f) => f.endsWith('.migrations.frozen.ts'));

/** Value imports (not `import type`) of a file, as [specifier, resolved path or null for a package]. */
function valueImports(file: string): [string, string | null][] {
  const text = fs.readFileSync(file, 'utf8');
  const out: [string, string | null][] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)) {
    if (m[1]) continue;
    const spec = m[2]!;
    out.push([spec, spec.startsWith('.') ? path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts') : null]);
  }
  return out;
}

function allowed(file: string, spec: string, resolved: string | null): boolean {
  if (resolved === null) return spec === 'kysely' || spec.startsWith('node:');
  const rel = path.relative(src, resolved);
  if (rel.startsWith('platform/db/') || rel === 'platform/ids.ts') return true;
  return resolved.endsWith('.migrations.frozen.ts') && path.dirname(resolved) === path.dirname(file);
}

describe('migrations import no live code', () => {
  it('finds the migrations', () => {
    expect(migrationFiles.length).toBeGreaterThan(20);
    expect(migrationFiles.some((f) => f.endsWith('contacts.migrations.ts'))).toBe(true);
  });

  it.each(migrationFiles.map((f) => [path.relative(src, f), f]))('%s', (_rel, file) => {
    const bad = valueImports(file).filter(([spec, resolved]) => !allowed(file, spec, resolved)).map(([spec]) => spec);
    expect(bad).toEqual([]);
  });

  it.each(frozenFiles.map((f) => [path.relative(src, f), f]))('%s (frozen copies: libraries only)', (_rel, file) => {
    const bad = valueImports(file).filter(([spec, resolved]) => resolved !== null || !/^(node:|[a-z@])/.test(spec)).map(([spec]) => spec);
    expect(bad).toEqual([]);
  });
});
