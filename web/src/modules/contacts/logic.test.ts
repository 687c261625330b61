import { describe, expect, it } from 'vitest';
import {
  adaptValue, currencyDigits, customKind, fieldDefs, filterParam, fromMinor, isCapped, isComplete, OPS, parseSort, contactName, personName, slugKey, sortString,
  toggleSort, toMinor, valueShape,
} from './logic';
import type { CustomField } from '../../../../contracts/custom-fields';

const def = (over: Partial<CustomField>): CustomField => ({
  id: 'f1', entity: 'contact', key: 'tier', type: 'select', label: { en: 'Tier', vi: 'Hạng' }, options: [], required: false, default: null,
  classification: 'internal', relationEntity: null, currency: null, position: 0, version: 1, createdAt: '', updatedAt: '', ...over,
});

describe('personName', () => {
  it.each([
    ['Văn An', 'Nguyễn', null, 'Nguyễn Văn An'],
    ['Henry', 'Walker', null, 'Henry Walker'],
    ['Văn An', 'Nguyễn', 'given_first', 'Văn An Nguyễn'],
    ['Henry', 'Walker', 'family_first', 'Walker Henry'],
    ['Alice', null, null, 'Alice'],
    [null, 'Trần', null, 'Trần'],
    ['  ', ' ', null, ''],
  ] as const)('%s + %s (order %s) → %s', (g, f, order, out) => expect(personName(g, f, order)).toBe(out));
  it('a contact without a name shows its display name; a Korean address puts a romanised name family first', () => {
    expect(contactName({ givenName: null, familyName: null, displayName: 'a@b.c' })).toBe('a@b.c');
    expect(contactName({ givenName: 'Min-su', familyName: 'Kim', displayName: 'x', addresses: [{ country: 'KR' }] })).toBe('Kim Min-su');
  });
});

describe('filters', () => {
  it('each kind offers only operators the server accepts for it', () => {
    const server: Record<string, string[]> = {
      text: ['is', 'is_not', 'contains', 'starts_with', 'in', 'empty', 'not_empty'],
      id: ['is', 'is_not', 'in', 'empty', 'not_empty'],
      date: ['is', 'is_not', 'in', 'before', 'after', 'between', 'empty', 'not_empty'],
      datetime: ['is', 'is_not', 'before', 'after', 'between', 'empty', 'not_empty'],
      number: ['is', 'is_not', 'in', 'before', 'after', 'between', 'empty', 'not_empty'],
      bool: ['is', 'is_not', 'empty', 'not_empty'],
      array: ['is', 'is_not', 'contains', 'in', 'empty', 'not_empty'],
    };
    for (const [kind, ops] of Object.entries(OPS)) for (const op of ops) expect(server[kind], `${kind} ${op}`).toContain(op);
  });

  it('all ten operators are reachable from some field', () => {
    const all = new Set(Object.values(OPS).flat());
    expect([...all].sort()).toEqual(['after', 'before', 'between', 'contains', 'empty', 'in', 'is', 'is_not', 'not_empty', 'starts_with']);
  });

  it('custom fields map to the server kinds and value sources', () => {
    expect(customKind('money')).toEqual({ kind: 'number' });
    expect(customKind('multi_select')).toEqual({ kind: 'array', source: 'options' });
    expect(customKind('checkbox')).toEqual({ kind: 'bool' });
    expect(customKind('user')).toEqual({ kind: 'id', source: 'user' });
    expect(customKind('url')).toEqual({ kind: 'text' });
    const defs = fieldDefs('contact', [def({ type: 'relation', relationEntity: 'company', key: 'partner' })], 'vi');
    const custom = defs.find((d) => d.key === 'custom.partner')!;
    expect(custom).toMatchObject({ kind: 'id', source: 'company', label: 'Hạng' });
    expect(defs.find((d) => d.key === 'lifecycleStage')).toMatchObject({ kind: 'id', source: 'stage', sortable: true });
  });

  it('value shape and completeness follow the operator', () => {
    expect(valueShape('empty')).toBe('none');
    expect(valueShape('in')).toBe('list');
    expect(valueShape('between')).toBe('range');
    expect(isComplete({ field: 'email', op: 'contains', value: '' })).toBe(false);
    expect(isComplete({ field: 'email', op: 'contains', value: 'x' })).toBe(true);
    expect(isComplete({ field: 'birthday', op: 'between', value: ['2000-01-01', ''] })).toBe(false);
    expect(isComplete({ field: 'tags', op: 'in', value: ['vip'] })).toBe(true);
    expect(isComplete({ field: 'tags', op: 'empty' })).toBe(true);
    expect(isComplete({ field: 'custom.ok', op: 'is', value: false })).toBe(true);
  });

  it('changing the operator keeps what still fits', () => {
    expect(adaptValue('vip', 'is', 'in')).toEqual(['vip']);
    expect(adaptValue(['a', 'b'], 'in', 'is')).toBe('a');
    expect(adaptValue('2020-01-01', 'after', 'between')).toEqual(['2020-01-01', '']);
    expect(adaptValue('x', 'is', 'empty')).toBeUndefined();
  });

  it('the filter parameter holds only complete conditions, without values for empty/not_empty', () => {
    expect(filterParam([])).toBeUndefined();
    expect(filterParam([{ field: 'email', op: 'contains', value: '' }])).toBeUndefined();
    expect(JSON.parse(filterParam([
      { field: 'email', op: 'contains', value: 'acme' },
      { field: 'tags', op: 'empty', value: 'stale' },
      { field: 'jobTitle', op: 'is', value: '' },
    ])!)).toEqual([{ field: 'email', op: 'contains', value: 'acme' }, { field: 'tags', op: 'empty' }]);
  });
});

describe('sort', () => {
  it('parses and prints the sort string', () => {
    expect(parseSort('familyName,-createdAt')).toEqual([{ field: 'familyName', desc: false }, { field: 'createdAt', desc: true }]);
    expect(sortString(parseSort('-updatedAt, email'))).toBe('-updatedAt,email');
    expect(parseSort('')).toEqual([]);
  });

  it('a click sorts by one column and flips it; shift-click adds or flips a key', () => {
    const one = toggleSort(parseSort('-updatedAt'), 'email', false);
    expect(sortString(one)).toBe('email');
    expect(sortString(toggleSort(one, 'email', false))).toBe('-email');
    expect(sortString(toggleSort(one, 'createdAt', true))).toBe('email,createdAt');
    expect(sortString(toggleSort(parseSort('email,createdAt'), 'email', true))).toBe('-email,createdAt');
    expect(sortString(toggleSort(parseSort('a,b,c,d'), 'e', true))).toBe('b,c,d,e');
  });
});

describe('totals, money, keys', () => {
  it('caps at 10,000', () => {
    expect(isCapped(9999, false)).toBe(false);
    expect(isCapped(10000, true)).toBe(true);
    expect(isCapped(undefined, undefined)).toBe(false);
  });

  it('converts money by the currency digits', () => {
    expect(currencyDigits('VND')).toBe(0);
    expect(currencyDigits('USD')).toBe(2);
    expect(toMinor(12.34, 'USD')).toBe(1234);
    expect(toMinor(150000, 'VND')).toBe(150000);
    expect(fromMinor(1234, 'USD')).toBe(12.34);
  });

  it('slugs labels into keys', () => {
    expect(slugKey('Customer tier')).toBe('customer_tier');
    expect(slugKey('Hạng khách hàng (VIP)')).toBe('hang_khach_hang_vip');
    expect(slugKey('2nd phone')).toBe('nd_phone');
    expect(slugKey('Đặng')).toBe('dang');
  });
});
