import { describe, expect, it } from 'vitest';
import { en, vi } from './i18n';

function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

describe('imports translations', () => {
  it('en and vi have the same keys and no empty value', () => {
    const e = new Map(leaves(en));
    const v = new Map(leaves(vi));
    expect([...v.keys()].sort()).toEqual([...e.keys()].sort());
    for (const [k, val] of [...e, ...v]) expect(String(val).trim(), k).not.toBe('');
  });
  it('placeholders match', () => {
    const e = new Map(leaves(en));
    for (const [k, val] of leaves(vi)) {
      const ph = (s: unknown) => (String(s).match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(ph(val), k).toEqual(ph(e.get(k)));
    }
  });
});
