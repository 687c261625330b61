import { describe, expect, it } from 'vitest';
import { attainment, categoryOf, currentQuarter, periodRange, quotaFor } from './forecast.logic.js';

describe('forecast logic', () => {
  it('periods: months and quarters with their last day (leap years too)', () => {
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', months: ['2026-10', '2026-11', '2026-12'] });
    expect(periodRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29', months: ['2028-02'] });
    expect(periodRange('2026-Q1').to).toBe('2026-03-31');
  });
  it('the current quarter is taken in the given zone', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Hà Nội.
    expect(currentQuarter(new Date('2026-12-31T20:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2027-Q1');
    expect(currentQuarter(new Date('2026-12-31T20:00:00Z'), 'UTC')).toBe('2026-Q4');
  });
  it('categories, attainment, quotas from months', () => {
    expect(categoryOf('won', 'commit')).toBe('won');
    expect(categoryOf('open', null)).toBe('pipeline');
    expect(categoryOf('open', 'omitted')).toBe('omitted');
    expect(attainment(1, 3)).toBe(0.3333);
    expect(attainment(5, null)).toBeNull();
    const rows = new Map([['2026-10', 10], ['2026-12', 5]]);
    expect(quotaFor('2026-Q4', ['2026-10', '2026-11', '2026-12'], rows)).toBe(15);
    expect(quotaFor('2026-Q4', ['2026-10'], new Map([['2026-Q4', 7], ['2026-10', 1]]))).toBe(7);
    expect(quotaFor('2026-Q3', ['2026-07'], rows)).toBeNull();
  });
});
