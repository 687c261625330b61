import { describe, expect, it } from 'vitest';
import type { FieldDef } from './types';
import {
  apiName, changedValues, checkValues, createValues, currencyDigits, fieldOfPath, filterParam, formatMoney, fromMinor, isComplete, opsFor,
  parseSort, sortString, toggleSort, toMinor, valueShape,
} from './logic';

const field = (key: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  key, type, labels: { en: key, vi: key }, help: null, required: false, unique: false, default: null, classification: 'internal',
  filterable: true, sortable: true, searchable: false, options: null, currency: null, relation: null, readOnly: false, archived: false, position: 0, ...extra,
});

describe('API names from labels', () => {
  it.each([
    ['Vehicles', 'vehicles'],
    ['Xe máy điện', 'xe_may_dien'],
    ['Đơn hàng', 'don_hang'],
    ['  Service -- Visits  ', 'service_visits'],
    ['2024 Cars', 'o_2024_cars'],
  ])('%s → %s', (label, name) => expect(apiName(label)).toBe(name));
});

describe('filters', () => {
  it('offers operators by field type', () => {
    expect(opsFor('text')).toContain('contains');
    expect(opsFor('money')).toEqual(expect.arrayContaining(['gt', 'lte']));
    expect(opsFor('money')).not.toContain('contains');
    expect(opsFor('select')).toContain('in');
    expect(opsFor('boolean')).toEqual(['eq']);
    expect(opsFor('relation')).toEqual(['eq', 'neq', 'empty', 'not_empty']);
  });
  it('sends only complete conditions, as JSON', () => {
    expect(valueShape('empty')).toBe('none');
    expect(valueShape('in')).toBe('list');
    expect(isComplete({ field: 'a', op: 'eq', value: '' })).toBe(false);
    expect(isComplete({ field: 'a', op: 'in', value: [] })).toBe(false);
    expect(isComplete({ field: 'a', op: 'empty' })).toBe(true);
    expect(filterParam([{ field: 'a', op: 'eq' }])).toBeUndefined();
    expect(JSON.parse(filterParam([{ field: 'a', op: 'eq', value: 'x' }, { field: 'b', op: 'gt' }])!)).toEqual([{ field: 'a', op: 'eq', value: 'x' }]);
  });
});

describe('sort', () => {
  it('parses, prints and toggles keys', () => {
    expect(parseSort('-price,name')).toEqual([{ field: 'price', desc: true }, { field: 'name', desc: false }]);
    expect(sortString(toggleSort(parseSort('-price'), 'price', false))).toBe('price');
    expect(sortString(toggleSort(parseSort('price'), 'name', false))).toBe('name');
    expect(sortString(toggleSort(parseSort('price'), 'name', true))).toBe('price,name');
  });
});

describe('money', () => {
  it('converts between typed amounts and minor units by currency', () => {
    expect(currencyDigits('VND')).toBe(0);
    expect(currencyDigits('USD')).toBe(2);
    expect(toMinor(15000000, 'VND')).toBe(15000000);
    expect(toMinor(19.99, 'USD')).toBe(1999);
    expect(fromMinor(1999, 'USD')).toBe(19.99);
    expect(formatMoney({ amount: 1999, currency: 'USD' }, 'en')).toBe('$19.99');
    expect(formatMoney({ amount: 15000000, currency: 'VND' }, 'vi')).toMatch(/^15\.000\.000\s?₫$/);
  });
});

describe('form values', () => {
  const fields = [
    field('name', 'text', { required: true }), field('email', 'email'), field('site', 'url'), field('stars', 'rating'),
    field('done', 'boolean', { required: true }), field('old', 'text', { archived: true, required: true }), field('price', 'money'),
  ];
  it('checks required fields and shapes', () => {
    expect(checkValues(fields, {})).toEqual({ name: 'validation.required' });
    expect(checkValues(fields, { name: 'A', email: 'x', site: 'example.com', stars: 7, price: { amount: 1, currency: 'VND' } })).toEqual({
      email: 'records.validation.email', site: 'records.validation.url', stars: 'records.validation.rating',
    });
    expect(checkValues(fields, { name: 'A', email: 'a@b.vn', site: 'https://b.vn', stars: 3 })).toEqual({});
  });
  it('creates with blanks left out and edits with only changes (cleared → null)', () => {
    expect(createValues(fields, { name: 'A', email: '', stars: null, done: false })).toEqual({ name: 'A', done: false });
    expect(changedValues(fields, { name: 'A', email: 'a@b.vn', stars: 3 }, { name: 'A', email: '', stars: 4 })).toEqual({ email: null, stars: 4 });
    expect(changedValues(fields, { price: { amount: 1, currency: 'VND' } }, { price: { amount: 1, currency: 'VND' } })).toEqual({});
  });
  it('sends many-to-many lists (cleared → null) and never files (they are uploaded, not typed)', () => {
    const more = [field('parts', 'relations'), field('docs', 'attachments')];
    const file = { id: 'f1', name: 'a.pdf', size: 1, contentType: 'application/pdf' };
    expect(createValues(more, { parts: ['p1', 'p2'], docs: [file] })).toEqual({ parts: ['p1', 'p2'] });
    expect(changedValues(more, { parts: ['p1'], docs: [file] }, { parts: [], docs: [] })).toEqual({ parts: null });
  });
  it('maps server error paths to field keys', () => {
    expect(fieldOfPath('values.parts.1')).toBe('parts');
    expect(fieldOfPath('values.price.amount')).toBe('price');
    expect(fieldOfPath('name')).toBe('name');
  });
});
