import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, documentFigures, documentNumber, lineFigures, reminderStep, statusOf } from './invoices.logic.js';

const line = fc.record({
  quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => q / 1000 * 7),
  unitPrice: fc.integer({ min: 0, max: 50_000_000 }),
  discountPercent: fc.constantFrom(0, 5, 10, 12.5, 33),
  discountAmount: fc.integer({ min: 0, max: 1000 }),
  taxRate: fc.constantFrom(0, 5, 8, 10),
});

describe('invoice figures', () => {
  it('match hand-computed lines (VND, rounding half away from zero per step)', () => {
    expect(lineFigures({ quantity: 3, unitPrice: 33_333, discountPercent: 10, discountAmount: 0, taxRate: 8 })).toEqual({ net: 89_999, tax: 7_200, total: 97_199 });
    expect(lineFigures({ quantity: 1, unitPrice: 15, discountPercent: 0, discountAmount: 0, taxRate: 10 })).toEqual({ net: 15, tax: 2, total: 17 }); // 1.5 → 2
    expect(lineFigures({ quantity: 2.5, unitPrice: 1999, discountPercent: 0, discountAmount: 3, taxRate: 5 })).toEqual({ net: 4995, tax: 250, total: 5245 }); // 4997.5 → 4998
    expect(lineFigures({ quantity: -1, unitPrice: 15, discountPercent: 0, discountAmount: 0, taxRate: 10 })).toEqual({ net: -15, tax: -2, total: -17 });
  });
  it('sum of lines = total, and a credit note of the same lines cancels the invoice exactly (property)', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
      const inv = lines.map(lineFigures);
      const credit = lines.map((l) => lineFigures({ ...l, quantity: -l.quantity }));
      const t = documentFigures(inv);
      expect(inv.reduce((s, l) => s + l.total, 0)).toBe(t.total);
      expect(t.total + documentFigures(credit).total).toBe(0);
    }));
  });
  it('numbers, due dates, status and reminder steps', () => {
    expect(documentNumber('invoice', 2026, 1)).toBe('INV-2026-000001');
    expect(documentNumber('credit_note', 2027, 42)).toBe('CN-2027-000042');
    expect(addDays('2026-12-07', 30)).toBe('2027-01-06');
    const base = { status: 'issued' as const, kind: 'invoice', total: 100, paid: 0, credited: 0, dueDate: '2026-12-31' };
    expect(statusOf(base, '2026-12-10')).toBe('issued');
    expect(statusOf(base, '2027-01-01')).toBe('overdue');
    expect(statusOf({ ...base, paid: 40 }, '2026-12-10')).toBe('partially_paid');
    expect(statusOf({ ...base, paid: 40, credited: 60 }, '2027-01-01')).toBe('paid');
    expect(statusOf({ ...base, credited: 100 }, '2026-12-10')).toBe('credited');
    expect(statusOf({ ...base, status: 'void' }, '2027-01-01')).toBe('void');
    expect([0, 1, 6, 7, 29, 30, 400].map(reminderStep)).toEqual([null, 1, 1, 7, 14, 30, 30]);
  });
});
