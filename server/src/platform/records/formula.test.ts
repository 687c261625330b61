import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, FormulaError, parseFormula, typeCheck, type FormulaType } from './formula.js';

const types: Record<string, FormulaType | null> = { price: 'number', cost: 'number', name: 'text', code: 'text', due: 'date', done: 'boolean', at: 'datetime', tags: null };
const typeOf = (k: string) => (Object.hasOwn(types, k) ? types[k] : undefined);
const run = (src: string, values: Record<string, number | string | boolean | null> = {}) => {
  const e = parseFormula(src);
  typeCheck(e, typeOf);
  return evaluate(e, values);
};
const problem = (src: string): string => {
  try {
    typeCheck(parseFormula(src), typeOf);
  } catch (err) {
    if (err instanceof FormulaError) return err.message;
    throw err;
  }
  return 'no error';
};

describe('formula language', () => {
  it('evaluates arithmetic with the usual precedence, concatenation, comparisons and functions', () => {
    expect(run('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('-price + 10', { price: 4 })).toBe(6);
    expect(run('price - cost', { price: 100, cost: 30 })).toBe(70);
    expect(run('name & " (" & code & ")"', { name: 'Mazda', code: 'M3' })).toBe('Mazda (M3)');
    expect(run('name & price', { name: 'n', price: 2.5 })).toBe('n2.5');
    expect(run('IF(price > 1000, "big", "small")', { price: 5000 })).toBe('big');
    expect(run('IF(price > 1000, "big", "small")', { price: 5 })).toBe('small');
    expect(run('ROUND(price / 3, 2)', { price: 10 })).toBe(3.33);
    expect(run('ROUND(1.005, 2)')).toBe(1.01);
    expect(run('ROUND(-2.5)')).toBe(-3);
    expect(run('ABS(0 - 4)')).toBe(4);
    expect(run('DAYS_BETWEEN(due, "2026-12-31")', { due: '2026-12-01' })).toBe(30);
    expect(run('DAYS_BETWEEN(at, due)', { at: '2026-12-01T10:00:00.000Z', due: '2026-12-03' })).toBe(1);
    expect(run('AND(done, price >= 1, NOT(name = "x"))', { done: true, price: 1, name: 'y' })).toBe(true);
    expect(run('OR(done, price <> 1)', { done: false, price: 1 })).toBe(false);
    expect(run("name = 'a''b'".replace("''", ''), { name: 'ab' })).toBe(true);
    expect(run('TRUE = done', { done: true })).toBe(true);
  });

  it('empty values: arithmetic and comparison are empty, & reads them as nothing, IF takes the else branch; x / 0 is empty', () => {
    expect(run('price * 2', { price: null })).toBeNull();
    expect(run('price / cost', { price: 1, cost: 0 })).toBeNull();
    expect(run('name & "!"', { name: null })).toBe('!');
    expect(run('IF(price > 1, 1, 2)', { price: null })).toBe(2);
    expect(run('ISBLANK(name)', { name: null })).toBe(true);
    expect(run('ISBLANK(name)', { name: 'a' })).toBe(false);
    expect(run('DAYS_BETWEEN(due, due)', { due: null })).toBeNull();
  });

  it('reports syntax problems with their 1-based position', () => {
    expect(() => parseFormula('price +')).toThrow('at position 8: unexpected end of the formula');
    expect(() => parseFormula('price + * 2')).toThrow('at position 9: unexpected "*"');
    expect(() => parseFormula('ROUND(price')).toThrow('at position 12: expected ")" before the end');
    expect(() => parseFormula('"abc')).toThrow('at position 1: unterminated text');
    expect(() => parseFormula('price # 2')).toThrow('at position 7: unexpected "#"');
    expect(() => parseFormula('FOO(1)')).toThrow('at position 1: unknown function FOO');
    expect(() => parseFormula('IF(1, 2)')).toThrow('at position 1: IF takes 3 arguments');
    expect(() => parseFormula('1 < 2 < 3')).toThrow('at position 7: comparisons cannot be chained');
    expect(() => parseFormula('price cost')).toThrow('at position 7: unexpected "cost"');
  });

  it('refuses type mismatches and unknown fields, naming the position', () => {
    expect(problem('name + 1')).toBe('at position 1: + needs numbers, found text (use & to join text)');
    expect(problem('price * name')).toBe('at position 9: * needs numbers, found text');
    expect(problem('price = name')).toBe('at position 7: cannot compare number with text');
    expect(problem('IF(price, 1, 2)')).toBe('at position 4: expected boolean, found number');
    expect(problem('IF(done, 1, "x")')).toBe('at position 13: IF branches must have the same type: number and text');
    expect(problem('nope * 2')).toBe('at position 1: unknown field nope');
    expect(problem('tags & ""')).toBe('at position 1: field tags cannot be used in a formula');
    expect(problem('DAYS_BETWEEN(price, due)')).toBe('at position 14: expected date or datetime, found number');
    expect(problem('done < done')).toBe('at position 6: < does not apply to booleans');
    expect(problem('price * 2')).toBe('no error');
  });

  it('arithmetic agrees with JavaScript on any numbers (property)', () => {
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(num, num, num, (a, b, c) => {
      const v = run('price + cost * ROUND(x)'.replace('x', 'price'), { price: a, cost: b });
      const expected = a + b * (Math.sign(a) * Math.round(Number((Math.abs(a)).toPrecision(15))));
      expect(v).toBeCloseTo(expected, 6);
      // + 0 folds -0 into 0: IF(0 > -0, 0, -0) is -0, Math.max(0, -0) is 0, and both mean zero.
      expect((run('IF(price > cost, price, cost)', { price: a, cost: c }) as number) + 0).toBe(Math.max(a, c) + 0);
    }));
  });

  it('never throws on any input text other than a FormulaError, and checked formulas evaluate to their type (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (src) => {
      try {
        const e = parseFormula(src);
        const t = typeCheck(e, typeOf);
        const v = evaluate(e, { price: 1, cost: 2, name: 'a', code: 'b', due: '2026-01-01', done: true, at: '2026-01-01T00:00:00.000Z' });
        if (v !== null) expect({ number: 'number', text: 'string', boolean: 'boolean', date: 'string', datetime: 'string' }[t]).toBe(typeof v);
      } catch (err) {
        expect(err).toBeInstanceOf(FormulaError);
      }
    }), { numRuns: 2000 });
  });
});
