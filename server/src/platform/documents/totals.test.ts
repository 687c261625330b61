import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { documentTotals, lineTotals, minorDigits, storedLineFigures, toMinor, type LineInput } from './totals.js';

function fieldOf(fn: () => unknown): string | undefined {
  try { fn(); } catch (e) { if (e instanceof AppError) return e.fields?.[0]?.path; throw e; }
  return undefined;
}

describe('lineTotals — hand-computed fixtures (round half up per line)', () => {
  const cases: Array<[string, LineInput, string, Record<string, number>]> = [
    ['10 % off, VAT 8 %', { quantity: 3, unitPrice: 333_333, discount: { percent: 10 }, taxRate: 8 }, 'VND',
      { gross: 999_999, discount: 100_000, net: 899_999, tax: 72_000, total: 971_999 }],
    ['decimal quantity, amount off, USD', { quantity: 2.5, unitPrice: 1_999, discount: { amount: 100 }, taxRate: 10 }, 'USD',
      { gross: 4_998, discount: 100, net: 4_898, tax: 490, total: 5_388 }],
    ['three-decimal quantity, VAT 5 %', { quantity: 0.125, unitPrice: 12_345, taxRate: 5 }, 'VND',
      { gross: 1_543, discount: 0, net: 1_543, tax: 77, total: 1_620 }],
    ['no tax', { quantity: 1, unitPrice: 1_200_000 }, 'VND', { gross: 1_200_000, discount: 0, net: 1_200_000, tax: 0, total: 1_200_000 }],
    ['halves go up', { quantity: 0.5, unitPrice: 1, taxRate: 50 }, 'VND', { gross: 1, discount: 0, net: 1, tax: 1, total: 2 }],
    ['12.5 % off, VAT 8 %', { quantity: 7, unitPrice: 14_999, discount: { percent: 12.5 }, taxRate: 8 }, 'VND',
      { gross: 104_993, discount: 13_124, net: 91_869, tax: 7_350, total: 99_219 }],
  ];
  it.each(cases)('%s', (_name, input, currency, expected) => {
    expect(lineTotals(input, currency)).toMatchObject(expected);
  });

  it('sums a document of rounded lines, with tax per rate', () => {
    const lines = [cases[0]!, cases[2]!, cases[3]!, cases[5]!].map(([, input]) => lineTotals(input, 'VND'));
    expect(documentTotals(lines)).toEqual({
      currency: 'VND', subtotal: 2_306_535, discount: 113_124, net: 2_193_411, tax: 79_427, total: 2_272_838,
      taxes: [{ rate: 0, base: 1_200_000, tax: 0 }, { rate: 5, base: 1_543, tax: 77 }, { rate: 8, base: 991_868, tax: 79_350 }],
    });
  });
});

describe('lineTotals — bad input names the field', () => {
  it.each([
    [{ quantity: -1, unitPrice: 100 }, 'VND', 'line.quantity'],
    [{ quantity: 0, unitPrice: 100 }, 'VND', 'line.quantity'],
    [{ quantity: 1.0005, unitPrice: 100 }, 'VND', 'line.quantity'],
    [{ quantity: 1, unitPrice: 100.5 }, 'VND', 'line.unitPrice'],
    [{ quantity: 1, unitPrice: -5 }, 'USD', 'line.unitPrice'],
    [{ quantity: 1, unitPrice: 100, discount: { percent: 101 } }, 'VND', 'line.discount.percent'],
    [{ quantity: 1, unitPrice: 100, discount: { amount: 101 } }, 'VND', 'line.discount.amount'],
    [{ quantity: 1, unitPrice: 100, taxRate: 8.125 }, 'VND', 'line.taxRate'],
    [{ quantity: 1, unitPrice: 100 }, 'XXY', 'currency'],
  ] as Array<[LineInput, string, string]>)('%o in %s → %s', (input, currency, path) => {
    expect(fieldOf(() => lineTotals(input, currency))).toBe(path);
  });

  it('mixed currencies in one document are refused', () => {
    const a = lineTotals({ quantity: 1, unitPrice: 100 }, 'VND');
    const b = lineTotals({ quantity: 1, unitPrice: 100 }, 'USD');
    expect(fieldOf(() => documentTotals([a, b]))).toBe('lines.1.currency');
  });

  it('a major-unit price with more decimals than the currency allows is refused', () => {
    expect(toMinor(12.5, 'USD')).toBe(1250);
    expect(toMinor(1_200_000, 'VND')).toBe(1_200_000);
    expect(fieldOf(() => toMinor(1.5, 'VND', 'lines.0.unitPrice'))).toBe('lines.0.unitPrice');
    expect(fieldOf(() => toMinor(1.005, 'USD'))).toBe('unitPrice');
    expect(minorDigits('VND')).toBe(0);
    expect(minorDigits('USD')).toBe(2);
  });
});

describe('lineTotals — properties', () => {
  const line = fc.record({
    quantity: fc.integer({ min: 1, max: 10_000_000 }).map((m) => m / 1000),
    unitPrice: fc.integer({ min: 0, max: 100_000_000 }),
    discount: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 10_000 }).map((h) => ({ percent: h / 100 })),
    ),
    taxRate: fc.constantFrom(0, 5, 8, 10, 7.5),
  });

  it('every figure is a whole number of minor units and the parts add up per line', () => {
    fc.assert(fc.property(line, fc.constantFrom('VND', 'USD'), (input, currency) => {
      const t = lineTotals(input, currency);
      for (const v of [t.gross, t.discount, t.net, t.tax, t.total]) expect(Number.isSafeInteger(v)).toBe(true);
      expect(t.net).toBe(t.gross - t.discount);
      expect(t.total).toBe(t.net + t.tax);
      expect(t.discount).toBeGreaterThanOrEqual(0);
      expect(t.discount).toBeLessThanOrEqual(t.gross);
      // Within half a minor unit of the exact product.
      expect(Math.abs(t.gross - input.quantity * input.unitPrice)).toBeLessThanOrEqual(0.5 + 1e-6 * t.gross);
    }));
  });

  it('the document total is the sum of its lines, and the tax buckets add up to the tax', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (inputs) => {
      const lines = inputs.map((l) => lineTotals(l, 'VND'));
      const d = documentTotals(lines, 'VND');
      expect(d.total).toBe(lines.reduce((s, l) => s + l.total, 0));
      expect(d.subtotal - d.discount).toBe(d.net);
      expect(d.net + d.tax).toBe(d.total);
      expect(d.taxes.reduce((s, b) => s + b.tax, 0)).toBe(d.tax);
      expect(d.taxes.reduce((s, b) => s + b.base, 0)).toBe(d.net);
      expect(Number.isSafeInteger(d.total)).toBe(true);
    }));
  });
});

describe('storedLineFigures — the same rule for invoice and order lines (both discounts, negative quantities)', () => {
  it('matches hand-computed lines', () => {
    expect(storedLineFigures({ quantity: 3, unitPrice: 33_333, discountPercent: 10, discountAmount: 0, taxRate: 8 })).toEqual({ gross: 99_999, net: 89_999, tax: 7_200, total: 97_199 });
    expect(storedLineFigures({ quantity: 2.5, unitPrice: 1999, discountPercent: 0, discountAmount: 3, taxRate: 5 })).toEqual({ gross: 4998, net: 4995, tax: 250, total: 5245 }); // 4997.5 → 4998; 249.75 → 250
    expect(storedLineFigures({ quantity: 2, unitPrice: 1_000_000, discountPercent: 12.5, discountAmount: 50_000, taxRate: 10 })).toEqual({ gross: 2_000_000, net: 1_700_000, tax: 170_000, total: 1_870_000 });
    expect(storedLineFigures({ quantity: -1, unitPrice: 15, discountPercent: 0, discountAmount: 0, taxRate: 10 })).toEqual({ gross: -15, net: -15, tax: -2, total: -17 }); // half away from zero
    expect(storedLineFigures({ quantity: 0.021000000000000001, unitPrice: 1000, discountPercent: 0, discountAmount: 0, taxRate: 0 }).gross).toBe(21);
    expect(fieldOf(() => storedLineFigures({ quantity: 1.0005, unitPrice: 1, discountPercent: 0, discountAmount: 0, taxRate: 0 }))).toBe('quantity');
  });
  it('equals lineTotals on the lines both take, and a negated line gives exactly the negated figures (property)', () => {
    const q = fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 1000);
    fc.assert(fc.property(q, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100), fc.constantFrom(0, 5, 8, 10), (quantity, unitPrice, percent, taxRate) => {
      const mine = storedLineFigures({ quantity, unitPrice, discountPercent: percent, discountAmount: 0, taxRate });
      const theirs = lineTotals({ quantity, unitPrice, discount: { percent }, taxRate }, 'VND');
      expect(mine).toEqual({ gross: theirs.gross, net: theirs.net, tax: theirs.tax, total: theirs.total });
      const neg = storedLineFigures({ quantity: -quantity, unitPrice, discountPercent: percent, discountAmount: 0, taxRate });
      const minus = (x: number) => -x || 0;
      expect(neg).toEqual({ gross: minus(mine.gross), net: minus(mine.net), tax: minus(mine.tax), total: minus(mine.total) });
    }));
  });
});
