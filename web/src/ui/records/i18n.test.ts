import { describe, expect, it } from 'vitest';
import { en, vi } from './i18n';

function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}
const enL = new Map(leaves(en));
const viL = new Map(leaves(vi));
const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('records translations', () => {
  it('English and Vietnamese have exactly the same keys', () => {
    expect([...viL.keys()].sort()).toEqual([...enL.keys()].sort());
  });

  it('no value is empty', () => {
    for (const [k, v] of [...enL, ...viL]) {
      expect(typeof v, k).toBe('string');
      expect((v as string).trim(), k).not.toBe('');
    }
  });

  it('both languages use the same placeholders', () => {
    for (const [k, v] of enL) expect(vars(viL.get(k) as string), k).toEqual(vars(v as string));
  });

  it('Vietnamese strings are really Vietnamese (diacritics present in most of them)', () => {
    const texts = [...viL.values()] as string[];
    const withMarks = texts.filter((s) => /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(s));
    expect(withMarks.length / texts.length).toBeGreaterThan(0.7);
  });
});
