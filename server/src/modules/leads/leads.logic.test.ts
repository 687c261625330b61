import { describe, expect, it } from 'vitest';
import { companyDomainOf, conditionsHold, matches, roundRobin, scoreOf, splitName } from './leads.logic.js';

describe('leads logic', () => {
  it.each([
    ['eq', 'web_form', 'web_form', true], ['eq', 'Giám đốc', 'giam doc', true], ['eq', 'a', null, false],
    ['neq', 'a', 'b', true], ['neq', 'a', null, true], ['neq', 'a', 'A', false],
    ['contains', 'Phó Giám Đốc', 'giám đốc', true], ['contains', null, 'x', false],
    ['is_set', '', null, false], ['is_set', 'x', null, true], ['is_set', 0, null, true],
    ['gt', 10, '5', true], ['gt', 5, '5', false], ['lt', { amount: 100, currency: 'VND' }, '200', true], ['gt', 'abc', '1', false],
  ] as const)('%s: %j vs %j → %s', (operator, value, ruleValue, expected) => {
    expect(matches({ field: 'f', operator, value: ruleValue, points: 1 }, value)).toBe(expected);
  });

  it('sums the points of the rules a lead matches (negative points count too)', () => {
    const rules = [
      { field: 'source', operator: 'eq', value: 'referral', points: 30 }, { field: 'email', operator: 'is_set', value: null, points: 10 },
      { field: 'source', operator: 'eq', value: 'cold_call', points: -10 },
    ];
    expect(scoreOf(rules, { source: 'referral', email: 'a@b.vn' })).toBe(40);
    expect(scoreOf(rules, { source: 'cold_call' })).toBe(-10);
    expect(scoreOf([], { source: 'referral' })).toBe(0);
  });

  it('holds conditions when every listed one matches any of its values; an empty rule matches all', () => {
    expect(conditionsHold({}, { source: 'api' })).toBe(true);
    expect(conditionsHold({ source: ['web_form'], region: ['Hà Nội', 'Hải Phòng'] }, { source: 'web_form', region: 'ha noi' })).toBe(true);
    expect(conditionsHold({ source: ['web_form'], region: ['Hà Nội'] }, { source: 'web_form', region: 'Huế' })).toBe(false);
    expect(conditionsHold({ product_interest: ['CRM'] }, { product_interest: null })).toBe(false);
  });

  it('cycles the round robin from the counter', () => {
    const ring = ['Lan', 'Minh', 'Tuấn'];
    expect([1, 2, 3, 4, 5, 7].map((n) => roundRobin(ring, n))).toEqual(['Lan', 'Minh', 'Tuấn', 'Lan', 'Minh', 'Lan']);
    expect(roundRobin([], 1)).toBeUndefined();
  });

  it('splits a Vietnamese name family first and others given first; finds company domains', () => {
    expect(splitName('Nguyễn Thị Lan')).toEqual({ familyName: 'Nguyễn', givenName: 'Thị Lan', nameOrder: 'family_first' });
    expect(splitName('Jane Smith')).toEqual({ givenName: 'Jane', familyName: 'Smith', nameOrder: 'given_first' });
    expect(splitName('Cher')).toEqual({ givenName: 'Cher', familyName: null, nameOrder: null });
    expect(companyDomainOf('an@anphat.vn')).toBe('anphat.vn');
    expect(companyDomainOf('an@gmail.com')).toBeNull();
    expect(companyDomainOf(null)).toBeNull();
  });
});
