/** Every reason a row can fail for, as code + params, its English message, and its Vietnamese text. */
import { describe, expect, it } from 'vitest';
import { formatRowIssue, rowErrorCodes, rowErrorTexts } from '../../../../../contracts/import-errors.js';
import { fallbackNormalisePhone } from './clean.js';
import { compileCompanyMapping, transformCompanyRow } from './company-transform.js';
import { errorText, rowError } from './row-errors.js';
import { compileMapping, transformRow } from './transform.js';

const contactCm = compileMapping(['Name', 'Email', 'Phone', 'Country', 'Birthday', 'Tags'], {
  Name: 'fullName', Email: 'email', Phone: 'phone', Country: 'address.country', Birthday: 'birthday', Tags: 'tags',
}, 'VN', fallbackNormalisePhone);
const contactErrors = (values: string[]) => {
  const r = transformRow(values, contactCm);
  return r.ok === false ? r.errors.map(({ code, params }) => ({ code, params })) : [];
};
/** The cells a row that still makes a contact leaves out (issue 11: a bad optional value costs the value, not the contact). */
const contactWarnings = (values: string[]) => {
  const r = transformRow(values, contactCm);
  return r.ok === true ? r.warnings.map(({ code, params }) => ({ code, params })) : [];
};

const companyCm = compileCompanyMapping(['Tên', 'Website', 'Ngành', 'Quy mô', 'Điện thoại', 'Quốc gia', 'Công ty mẹ'], {
  Tên: 'name', Website: 'domain', Ngành: 'industry', 'Quy mô': 'size', 'Điện thoại': 'phone', 'Quốc gia': 'address.country', 'Công ty mẹ': 'parent',
}, 'VN', fallbackNormalisePhone);
/** A company row's reasons: the failure's (no name) or, for a company still made, its warnings. */
const companyErrors = (values: string[]) => {
  const r = transformCompanyRow(values, companyCm);
  const list = r.ok === false ? r.errors : r.ok === true ? r.warnings : [];
  return list.map(({ code, params }) => ({ code, params }));
};

describe('contact row warnings and errors', () => {
  it.each([
    [['An', 'an@', '', '', '', ''], { code: 'invalid_email', params: { column: 'Email', value: 'an@' } }],
    [['An', '', '12345', '', '', ''], { code: 'invalid_phone', params: { column: 'Phone', value: '12345' } }],
    [['An', '', '', 'Atlantis', '', ''], { code: 'unknown_country', params: { column: 'Country', value: 'Atlantis' } }],
    [['An', '', '', '', '31/02/1990', ''], { code: 'invalid_date', params: { column: 'Birthday', value: '31/02/1990' } }],
  ] as const)('%j imports An with the warning %j', (values, expected) => {
    expect(contactErrors([...values])).toEqual([]);
    expect(contactWarnings([...values])).toEqual([expected]);
  });

  it('a row naming no one fails, with the values it could not use', () => {
    expect(contactErrors(['', '', '', '', '', 'vip'])).toEqual([{ code: 'contact_needs_identity', params: {} }]);
    expect(contactErrors(['', 'nope', '', '', '', ''])).toEqual([
      { code: 'invalid_email', params: { column: 'Email', value: 'nope' } }, { code: 'contact_needs_identity', params: {} },
    ]);
  });

  it('every bad value of a row is reported, each naming its column; multi-values one by one', () => {
    expect(contactWarnings(['An', 'a@b.vn ::: nope', '12345', '', '', ''])).toEqual([
      { code: 'invalid_email', params: { column: 'Email', value: 'nope' } },
      { code: 'invalid_phone', params: { column: 'Phone', value: '12345' } },
    ]);
    const r = transformRow(['An', 'nope', '12345', '', '', ''], contactCm);
    expect(r.ok === true && errorText(r.warnings)).toBe('Email: "nope" is not a valid email; Phone: "12345" is not a valid phone number');
    expect(r.ok === true && r.contact).toMatchObject({ givenName: 'An', emails: [], phones: [] });
  });
});

describe('company row errors', () => {
  it.each([
    [['x'.repeat(301), '', '', '', '', '', ''], [{ code: 'value_too_long', params: { column: 'Tên', max: 300 } }, { code: 'company_needs_name', params: { column: 'Tên' } }]],
    [['Acme', '', 'x'.repeat(121), '', '', '', ''], [{ code: 'value_too_long', params: { column: 'Ngành', max: 120 } }]],
    [['Acme', 'n/a', '', '', '', '', ''], [{ code: 'invalid_domain', params: { column: 'Website', value: 'n/a' } }]],
    [['Acme', '', '', 'x'.repeat(41), '', '', ''], [{ code: 'invalid_company_size', params: { column: 'Quy mô', value: 'x'.repeat(41) } }]],
    [['Acme', '', '', '', '12345', '', ''], [{ code: 'invalid_phone', params: { column: 'Điện thoại', value: '12345' } }]],
    [['Acme', '', '', '', '', 'Atlantis', ''], [{ code: 'unknown_country', params: { column: 'Quốc gia', value: 'Atlantis' } }]],
    [['', 'acme.com', '', '', '', '', ''], [{ code: 'company_needs_name', params: { column: 'Tên' } }]],
    [['Acme', '', '', '', '', '', 'ACME'], [{ code: 'own_parent', params: { column: 'Công ty mẹ', value: 'ACME' } }]],
  ] as const)('%#: %j', (values, expected) => expect(companyErrors([...values])).toEqual(expected));

  it('more than 20 phone numbers', () => {
    const phones = Array.from({ length: 21 }, (_, i) => `0903 123 ${String(400 + i)}`).join('; ');
    expect(companyErrors(['Acme', '', '', '', phones, '', ''])).toEqual([{ code: 'too_many_phones', params: { max: 20 } }]);
  });
});

describe('row error texts', () => {
  it('every code has English and Vietnamese with the same placeholders', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(rowErrorTexts).sort()).toEqual([...rowErrorCodes].sort());
    for (const code of rowErrorCodes) {
      const t = rowErrorTexts[code];
      expect(t.vi.trim(), code).not.toBe('');
      expect(t.vi, code).not.toBe(t.en);
      expect(vars(t.vi), code).toEqual(vars(t.en));
    }
  });

  it('the English message keeps the wording rows had before codes; a message can be given', () => {
    expect(rowError('invalid_email', { column: 'Email', value: 'x@' }).message).toBe('Email: "x@" is not a valid email');
    expect(rowError('owner_ambiguous', { column: 'Owner', value: 'Lan' }).message).toBe('Owner: "Lan" is the name of several users; use their email');
    expect(rowError('parent_loop', { value: 'Acme' }).message).toBe('parent company: "Acme" is already below this company');
    expect(rowError('contact_outside_visibility')).toEqual({ code: 'contact_outside_visibility', params: {}, message: 'matches an existing contact outside your visibility' });
    expect(rowError('invalid_custom_value', { column: 'custom.size', value: 'x', type: 'number' }, 'custom.size: expected a number').message).toBe('custom.size: expected a number');
  });

  it('renders Vietnamese; an unknown code falls back to the message', () => {
    expect(formatRowIssue('vi', rowError('invalid_phone', { column: 'Số điện thoại', value: '12345' }))).toBe('Số điện thoại: “12345” không phải là số điện thoại hợp lệ');
    expect(formatRowIssue('vi', rowError('value_too_long', { column: 'Tên', max: 300 }))).toBe('Tên: dài hơn 300 ký tự');
    expect(formatRowIssue('vi', rowError('company_outside_visibility'))).toBe('trùng với một công ty có sẵn nằm ngoài phạm vi bạn được xem');
    expect(formatRowIssue('en', rowError('invalid_date', { column: 'Birthday', value: '--03-20' }))).toBe('Birthday: "--03-20" is not a date');
    expect(formatRowIssue('vi', { code: 'from_the_future', params: {}, message: 'something new' })).toBe('something new');
  });
});
