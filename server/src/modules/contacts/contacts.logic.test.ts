import { describe, expect, it } from 'vitest';
import { contactDerived, contactSearchText, normaliseText, normalisePhone, phoneQueryDigits } from './contacts.logic.js';
import { checkCustomValue } from './custom-fields.logic.js';

describe('normalisePhone (default region VN)', () => {
  it.each([
    ['0903 123 456', '+84903123456'], // VN mobile
    ['0903123456', '+84903123456'],
    ['+84 903 123 456', '+84903123456'],
    ['028 3823 4567', '+842838234567'], // HCMC landline
    ['024 3825 1234', '+842438251234'], // Hanoi landline
    ['+1 415 555 2671', '+14155552671'], // international stays
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, e164) => {
    expect(normalisePhone(raw, 'VN')).toEqual({ e164, valid: true });
  });
  it.each(['12345', 'abc', '', '+84 12', '0903 123'])('rejects %j', (raw) => {
    expect(normalisePhone(raw, 'VN')).toEqual({ e164: null, valid: false });
  });
});

describe('normaliseText', () => {
  it('strips Vietnamese diacritics, maps đ to d and lowercases', () => {
    expect(normaliseText('Nguyễn Văn A')).toBe('nguyen van a');
    expect(normaliseText('ĐẶNG Thị  Hoa')).toBe('dang thi hoa');
    expect(normaliseText('Trần Minh')).toBe('tran minh');
  });
  it('search text covers both name orders, emails and phone digits, and nothing of the company (issue 12)', () => {
    const s = contactSearchText({ givenName: 'Văn An', familyName: 'Nguyễn', emails: ['an@x.vn'], phones: ['+84903123456'] });
    expect(s).toBe('van an nguyen | nguyen van an | an@x.vn | 84903123456 0903123456');
  });
  it('phone-looking queries become digits', () => {
    expect(phoneQueryDigits('0903 123 456', 'VN')).toBe('84903123456');
    expect(phoneQueryDigits('903123', 'VN')).toBe('903123');
    expect(phoneQueryDigits('nguyen', 'VN')).toBeNull();
  });
  it('stored name columns follow the name\'s own order, keep both search keys, and fall back to email/phone', () => {
    const vi = contactDerived({ given_name: 'Văn An', family_name: 'Nguyễn' }, [], []);
    expect(vi).toMatchObject({ display_name: 'Nguyễn Văn An', sort_key: 'an nguyen van', name_key: 'van an nguyen', family_key: 'nguyen van an' });
    const en = contactDerived({ given_name: 'Henry', family_name: 'Walker' }, [], []);
    expect(en).toMatchObject({ display_name: 'Henry Walker', sort_key: 'walker henry', name_key: 'henry walker', family_key: 'walker henry' });
    // The user's override wins over detection; a Korean address makes a romanised Korean name family-first.
    expect(contactDerived({ given_name: 'Văn An', family_name: 'Nguyễn', name_order: 'given_first' }, [], []).display_name).toBe('Văn An Nguyễn');
    expect(contactDerived({ given_name: 'Min-su', family_name: 'Kim', addresses: JSON.stringify([{ country: 'KR' }]) }, [], []).display_name).toBe('Kim Min-su');
    const none = contactDerived({ given_name: null, family_name: null }, [{ address: 'a@b.c', primary: true }], []);
    expect(none).toMatchObject({ display_name: 'a@b.c', sort_key: 'a@b.c', primary_email: 'a@b.c' });
  });
});

describe('checkCustomValue', () => {
  const opts = [{ value: 'a', label: { en: 'A', vi: 'A' } }, { value: 'b', label: { en: 'B', vi: 'B' } }];
  it.each([
    ['text', 'hi', 'hi'], ['number', 3.5, 3.5], ['money', 150000, 150000], ['date', '2026-02-28', '2026-02-28'],
    ['datetime', '2026-02-28T10:00:00+07:00', '2026-02-28T03:00:00.000Z'], ['select', 'a', 'a'], ['multi_select', ['a', 'b', 'a'], ['a', 'b']],
    ['checkbox', true, true], ['url', 'https://kith.example', 'https://kith.example'], ['email', 'A@B.VN', 'a@b.vn'], ['phone', '0903 123 456', '+84903123456'],
  ] as const)('%s accepts %j', (type, value, stored) => {
    expect(checkCustomValue({ type, options: opts }, value, 'VN')).toEqual({ ok: true, value: stored });
  });
  it.each([
    ['text', 5], ['number', '5'], ['money', 1.5], ['date', '2026-02-30'], ['datetime', 'yesterday'], ['select', 'c'], ['multi_select', ['a', 'z']],
    ['checkbox', 'yes'], ['url', 'javascript:alert(1)'], ['email', 'nope'], ['phone', '123'],
  ] as const)('%s rejects %j', (type, value) => {
    expect(checkCustomValue({ type, options: opts }, value, 'VN').ok).toBe(false);
  });
});
