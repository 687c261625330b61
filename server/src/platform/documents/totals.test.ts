import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { documentTotals, lineTotals, minorDigits, toMinor, type LineInput } from './totals.js';

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
