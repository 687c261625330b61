import { describe, expect, it } from 'vitest';
import { acceptsFile, applySaved, EXPORT_PATHS, exportUrl, formatEta, mappingSummary, percent, stepOf, targetParts, targetsOf } from './logic';

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
