import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ImportWarning, RowErrorReport } from '../../../../contracts/imports';
import { en, vi } from './i18n';
import {
  acceptsFile, applySaved, correctedRows, correctionLines, EXPORT_PATHS, exportUrl, formatEta, mappingSummary, percent, rowErrorLines, stepOf, targetParts, targetsOf,
} from './logic';

describe('import wizard logic', () => {
  it('opens an import at the step its status belongs to', () => {
    expect(stepOf('mapping')).toBe('map');
    expect(stepOf('running')).toBe('run');
    expect(stepOf('queued')).toBe('run');
    expect(stepOf('completed')).toBe('report');
    expect(stepOf('reverted')).toBe('report');
  });

  it('splits targets into field and label', () => {
    expect(targetParts('email:work')).toEqual({ field: 'email', label: 'work' });
    expect(targetParts('address:home.city')).toEqual({ field: 'address.city', label: 'home' });
    expect(targetParts('address.city')).toEqual({ field: 'address.city', label: null });
    expect(targetParts('custom.size')).toEqual({ field: 'custom.size', label: null });
  });

  it('applies a saved mapping by header, case-insensitively, keeping other suggestions', () => {
    const out = applySaved({ 'E-mail': 'email', Name: 'fullName', Extra: null }, { 'e-mail ': 'email:work', Extra: 'tags' }, ['E-mail', 'Name', 'Extra']);
    expect(out).toEqual({ 'E-mail': 'email:work', Name: 'fullName', Extra: 'tags' });
  });

  it('summarises a mapping and flags single-value targets used twice', () => {
    expect(mappingSummary({ a: 'email', b: 'email', c: 'givenName', d: 'givenName', e: null })).toEqual({ mapped: 4, repeated: ['givenName'] });
    // Several columns may go to the record's note (one note, a paragraph each).
    expect(mappingSummary({ a: 'note', b: 'note', c: 'givenName' })).toEqual({ mapped: 3, repeated: [] });
    expect(targetsOf('contact').flatMap((g) => g.targets)).toContain('note');
    expect(targetsOf('company').flatMap((g) => g.targets)).toContain('note');
  });

  it('computes progress and ETA text', () => {
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, null)).toBe(0);
    expect(percent(300, 200)).toBe(100);
    expect(formatEta(45)).toBe('45 s');
    expect(formatEta(200)).toBe('3 min 20 s');
    expect(formatEta(3900)).toBe('1 h 05 min');
    expect(formatEta(null)).toBeNull();
  });

  it('accepts the upload formats only', () => {
    expect(acceptsFile('contacts.CSV')).toBe(true);
    expect(acceptsFile('phone.vcf')).toBe(true);
    expect(acceptsFile('book.xlsx')).toBe(true);
    expect(acceptsFile('virus.exe')).toBe(false);
  });
});

describe('export url', () => {
  it('uses the list parameters, leaving empty ones out', () => {
    expect(exportUrl({ q: ' lan ', sort: '-updatedAt', filter: [] }, 'csv', true)).toBe('/api/v1/contacts/export?format=csv&bom=true&sort=-updatedAt&q=lan');
    expect(exportUrl({ filter: [{ field: 'tags', op: 'contains', value: 'vip' }] }, 'xlsx', true))
      .toBe(`/api/v1/contacts/export?format=xlsx&filter=${encodeURIComponent('[{"field":"tags","op":"contains","value":"vip"}]')}`);
  });
  it('exports a selection instead of the filters', () => {
    expect(exportUrl({ ids: ['a', 'b'], q: 'x' }, 'vcf')).toBe('/api/v1/contacts/export?format=vcf&ids=a%2Cb');
  });
  it('companies export from their own path', () => {
    expect(exportUrl({ q: 'acme', sort: 'name' }, 'vcf', false, EXPORT_PATHS.company)).toBe('/api/v1/companies/export?format=vcf&sort=name&q=acme');
  });
  it('company targets: their own list; address parts and phones may take several columns', () => {
    const all = targetsOf('company').flatMap((g) => g.targets);
    expect(all).toEqual(expect.arrayContaining(['name', 'domain', 'industry', 'size', 'parent', 'owner', 'phone:fax', 'address:billing.city']));
    expect(all).not.toContain('email');
    expect(targetsOf('contact').flatMap((g) => g.targets)).toContain('email');
    expect(targetParts('address:billing.street')).toEqual({ field: 'address.street', label: 'billing' });
    expect(mappingSummary({ a: 'address.street', b: 'address.street', c: 'phone:fax', d: 'phone', e: 'name', f: 'name' })).toEqual({ mapped: 6, repeated: ['name'] });
  });
});

describe('failed rows in the UI language', () => {
  const i18n = createInstance();
  void i18n.init({ resources: { en: { translation: { imports: en } }, vi: { translation: { imports: vi } } }, lng: 'vi', fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
  const row = {
    error: 'Email: "x@" is not a valid email; Số điện thoại: "12345" is not a valid phone number',
    issues: [
      { code: 'invalid_email', params: { column: 'Email', value: 'x@' }, message: 'Email: "x@" is not a valid email' },
      { code: 'invalid_phone', params: { column: 'Số điện thoại', value: '12345' }, message: 'Số điện thoại: "12345" is not a valid phone number' },
    ],
  } as const;

  it('renders each reason from its code and params, in Vietnamese and English', async () => {
    await i18n.changeLanguage('vi');
    expect(rowErrorLines(i18n.t, { ...row, issues: [...row.issues] })).toEqual([
      'Email: “x@” không phải là email hợp lệ', 'Số điện thoại: “12345” không phải là số điện thoại hợp lệ',
    ]);
    expect(rowErrorLines(i18n.t, { error: '…', issues: [{ code: 'value_too_long', params: { column: 'Tên', max: 300 }, message: '…' }] })).toEqual(['Tên: dài hơn 300 ký tự']);
    expect(rowErrorLines(i18n.t, { error: '…', issues: [{ code: 'parent_loop', params: { value: 'Vòng B' }, message: '…' }] })).toEqual(['công ty mẹ: “Vòng B” đã nằm dưới công ty này']);
    await i18n.changeLanguage('en');
    expect(rowErrorLines(i18n.t, { ...row, issues: [...row.issues] })).toEqual(row.issues.map((i) => i.message));
  });

  it('falls back to the message for an unknown code, and to the error line for rows without codes', async () => {
    await i18n.changeLanguage('vi');
    const unknown = { code: 'from_a_newer_server', params: {}, message: 'something new' } as unknown as (typeof row.issues)[number];
    expect(rowErrorLines(i18n.t, { error: 'something new', issues: [unknown] })).toEqual(['something new']);
    expect(rowErrorLines(i18n.t, { error: 'Email: "x@" is not a valid email', issues: [] })).toEqual(['Email: "x@" is not a valid email']);
  });
});

describe('corrections grid', () => {
  const headers = ['First Name', 'E-mail 1 - Value', 'Birthday', 'Hạng'];
  const mapping = { 'First Name': 'givenName', 'E-mail 1 - Value': 'email', Birthday: 'birthday', Hạng: 'custom.tier' };
  const failure: RowErrorReport = {
    row: 7, error: '', cells: { 'First Name': '', 'E-mail 1 - Value': 'nobody', Birthday: '', Hạng: '' },
    issues: [
      { code: 'invalid_email', params: { column: 'E-mail 1 - Value', value: 'nobody' }, message: 'm1' },
      { code: 'contact_needs_identity', params: {}, message: 'm2' },
    ],
  };
  const warning: ImportWarning = { row: 3, column: 'custom.tier', value: 'Kim cương', code: 'invalid_custom_value', params: { column: 'custom.tier', value: 'Kim cương' }, reason: 'r', recordId: 'c1' };

  it('lists a line per named column (targets shown as their header) and one to pick a column for a row naming no one', () => {
    const lines = correctionLines([failure], [warning], headers, mapping);
    expect(lines.map((l) => [l.row, l.column, l.value, l.kind, l.issues.length])).toEqual([
      [3, 'Hạng', 'Kim cương', 'warning', 1], [7, 'E-mail 1 - Value', 'nobody', 'failure', 1], [7, null, '', 'failure', 1],
    ]);
  });

  it('sends only changed cells, grouped by row; a line without a column needs one chosen', () => {
    const lines = correctionLines([failure], [warning], headers, mapping);
    expect(correctedRows(lines, {})).toEqual([]);
    expect(correctedRows(lines, { '3:Hạng': { value: 'Kim cương' }, '7:': { value: 'Hà' } })).toEqual([]);
    expect(correctedRows(lines, { '7:E-mail 1 - Value': { value: 'ha@example.vn' }, '7:': { column: 'First Name', value: 'Hà' }, '3:Hạng': { value: 'Vàng' } })).toEqual([
      { row: 3, values: { Hạng: 'Vàng' } }, { row: 7, values: { 'E-mail 1 - Value': 'ha@example.vn', 'First Name': 'Hà' } },
    ]);
  });
});
