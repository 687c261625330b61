import { describe, expect, it } from 'vitest';
import { parseAst } from 'vite';
import { applyEdits, pureEdits } from '../web/pure-contracts';

const source = [
  "import { z } from 'zod';",
  "export const codes = ['a', 'b'];",
  'export const limit = 10 * 1024;',
  "const fields = { name: z.string().describe('Name'), code: z.enum(codes) };",
  'export const schema = z.object({ ...fields });',
  "schema.describe('Thing');",
  'export function pick(xs) { xs.push(1); return xs; }',
  "export const label = 'Tên';",
].join('\n');

describe('pure contracts (web build)', () => {
  const out = applyEdits(source, pureEdits(parseAst(source) as never));

  it('wraps each module-level initialiser and expression statement in a pure arrow call', () => {
    expect(out).toContain("export const codes = /* @__PURE__ */ (() => (['a', 'b']))();");
    expect(out).toContain('export const schema = /* @__PURE__ */ (() => (z.object({ ...fields })))();');
    expect(out).toContain("/* @__PURE__ */ (() => (schema.describe('Thing')))();");
    // Literals stay as they are; function bodies (which may have effects) are not touched.
    expect(out).toContain("export const label = 'Tên';");
    expect(out).toContain('export function pick(xs) { xs.push(1); return xs; }');
  });

  it('keeps the values: the wrapped module computes the same exports', () => {
    const run = (code: string) => {
      const body = code.replace(/^import .*$/m, '').replace(/export (const|function)/g, '$1');
      const z = { string: () => ({ describe: () => 's' }), enum: (v: unknown) => v, object: (v: object) => ({ ...v, describe: () => 'o' }) };
      return new Function('z', `${body}\nreturn { codes, limit, schema, label, pick };`)(z) as Record<string, unknown>;
    };
    const before = run(source);
    const after = run(out);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(after.limit).toBe(10240);
  });
});
