import { describe, expect, it } from 'vitest';
import { formatMoney, periodLabel, periodOf, periodsAround, toMinor } from './logic';

describe('forecast page logic', () => {
  it('periods around a date', () => {
    const d = new Date(2026, 11, 7);
    expect(periodOf(d, 'quarter')).toBe('2026-Q4');
    expect(periodsAround(d, 'quarter', 2, 1)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(periodsAround(d, 'month', 1, 1)).toEqual(['2026-11', '2026-12', '2027-01']);
  });
  it('labels in both languages', () => {
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý 4/2026');
    expect(periodLabel('2026-12', 'vi')).toBe('Tháng 12/2026');
    expect(periodLabel('2026-12', 'en')).toBe('December 2026');
  });
  it('money in minor units', () => {
    expect(formatMoney(1_200_000, 'VND', 'vi')).toMatch(/1\.200\.000/);
    expect(formatMoney(12345, 'USD', 'en')).toBe('$123.45');
    expect(toMinor(123.45, 'USD')).toBe(12345);
    expect(toMinor(1_200_000, 'VND')).toBe(1_200_000);
  });
});
