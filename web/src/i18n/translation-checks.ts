/**
 * The checks every string bundle's test runs (the shell's and each module's): English and Vietnamese have the same
 * keys, no value is empty, both use the same {{placeholders}}, and — where asked — most Vietnamese strings carry
 * Vietnamese diacritics (really translated, not copied). Test-only; nothing in the app imports it.
 *
 *   describeTranslations('imports', en, vi);
 *   describeTranslations('contacts', en, vi, { vietnameseShare: 0.7 });
 */
import { describe, expect, it } from 'vitest';

/** Dotted paths of every leaf: { a: { b: 'x' } } → [['a.b', 'x']]. */
export function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

const VIETNAMESE_MARKS = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

export function describeTranslations(name: string, en: object, vi: object, o: { vietnameseShare?: number } = {}): void {
  const enLeaves = new Map(leaves(en));
  const viLeaves = new Map(leaves(vi));
  describe(`${name} translations`, () => {
    it('English and Vietnamese have exactly the same keys', () => {
      expect([...viLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    });

    it('no value is empty or missing', () => {
      for (const [key, value] of [...enLeaves, ...viLeaves]) {
        expect(typeof value, key).toBe('string');
        expect((value as string).trim(), key).not.toBe('');
      }
    });

    it('both languages use the same {{placeholders}} in each string', () => {
      for (const [key, value] of enLeaves) expect(placeholders(viLeaves.get(key)), key).toEqual(placeholders(value));
    });

    const share = o.vietnameseShare;
    if (share !== undefined) {
      it(`Vietnamese is really translated (diacritics in more than ${share * 100} % of the strings)`, () => {
        const values = [...viLeaves.values()].map(String);
        expect(values.filter((v) => VIETNAMESE_MARKS.test(v)).length).toBeGreaterThan(values.length * share);
      });
    }
  });
}
