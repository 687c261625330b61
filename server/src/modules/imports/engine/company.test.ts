import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectCompanyPreset, suggestCompanyMapping, suggestCompanyTarget } from './company-presets.js';
import {
  cleanDomain, cleanIndustry, cleanSize, compileCompanyMapping, companyMatchKeysOf, isValidCompanyTarget, mergeCompanyInto, transformCompanyRow,
} from './company-transform.js';
import { inspectSource, readRows } from './source.js';

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);

describe('company cleaners', () => {
  it.each([
    ['https://www.Acme.com/about?x=1', 'acme.com'], ['WWW.ACME.COM.', 'acme.com'], ['acme.com:8080', 'acme.com'], ['http://acme.com', 'acme.com'],
    ['//cdn.acme.co.uk/x', 'cdn.acme.co.uk'], ['info@daiphat.vn', 'daiphat.vn'], ['  DaiPhat.VN/gioi-thieu ', 'daiphat.vn'], ['www2.acme.com', 'acme.com'],
    ['công-ty.vn', 'công-ty.vn'],
  ])('domain %s → %s', (raw, domain) => expect(cleanDomain(raw)).toBe(domain));

  it.each(['localhost', '10.0.0.1', 'n/a', 'acme', 'http://', 'ac me.com', '-acme.com'])('not a domain: %s', (raw) => expect(cleanDomain(raw)).toBeNull());

  it.each([
    ['7', '1-10'], ['45', '11-50'], ['120', '51-200'], ['1000', '201-1000'], ['1,200', '1000+'], ['7 400', '1000+'], ['11 - 50', '11-50'],
    ['51–200', '51-200'], ['5000+', '1000+'], ['1000+', '1000+'], ['Small', 'Small'], ['Vừa và nhỏ', 'Vừa và nhỏ'], ['10-500', '10-500'],
  ])('size %s → %s', (raw, size) => expect(cleanSize(raw)).toBe(size));

  it('size: zero and very long text are refused', () => {
    expect(cleanSize('0')).toBeNull();
    expect(cleanSize('x'.repeat(41))).toBeNull();
  });

  it('industry: HubSpot internal values become words, the rest stays', () => {
    expect(cleanIndustry('COMPUTER_SOFTWARE')).toBe('Computer Software');
    expect(cleanIndustry('CONSTRUCTION')).toBe('Construction');
    expect(cleanIndustry('IT')).toBe('IT');
    expect(cleanIndustry('Bán lẻ')).toBe('Bán lẻ');
  });
});

describe('company presets', () => {
  it('recognises HubSpot company exports', () => {
    const headers = ['Record ID', 'Company name', 'Company Domain Name', 'Create Date', 'Company owner', 'Phone Number', 'City', 'Country/Region', 'Industry',
      'Number of Employees', 'Street Address', 'Street Address 2', 'State/Region', 'Postal Code', 'Parent Company', 'Lifecycle Stage', 'Annual Revenue'];
    expect(detectCompanyPreset(headers)).toBe('hubspot');
    expect(suggestCompanyMapping(headers, 'hubspot')).toEqual({
      'Record ID': 'externalId', 'Company name': 'name', 'Company Domain Name': 'domain', 'Create Date': null, 'Company owner': 'owner',
      'Phone Number': 'phone', City: 'address.city', 'Country/Region': 'address.country', Industry: 'industry', 'Number of Employees': 'size',
      'Street Address': 'address.street', 'Street Address 2': 'address.street', 'State/Region': 'address.region', 'Postal Code': 'address.postalCode',
      'Parent Company': 'parent', 'Lifecycle Stage': null, 'Annual Revenue': null,
    });
  });

  it('recognises Salesforce Account exports by API names (record ids of other objects are left out)', () => {
    const headers = ['Id', 'Name', 'ParentId', 'Parent.Name', 'BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry',
      'ShippingCity', 'Phone', 'Fax', 'Website', 'Industry', 'NumberOfEmployees', 'OwnerId', 'Type'];
    expect(detectCompanyPreset(headers)).toBe('salesforce');
    expect(suggestCompanyMapping(headers, 'salesforce')).toEqual({
      Id: 'externalId', Name: 'name', ParentId: null, 'Parent.Name': 'parent', BillingStreet: 'address:billing.street', BillingCity: 'address:billing.city',
      BillingState: 'address:billing.region', BillingPostalCode: 'address:billing.postalCode', BillingCountry: 'address:billing.country',
      ShippingCity: 'address:shipping.city', Phone: 'phone', Fax: 'phone:fax', Website: 'domain', Industry: 'industry', NumberOfEmployees: 'size',
      OwnerId: null, Type: null,
    });
  });

  it('recognises Salesforce Account exports by labels', () => {
    const headers = ['Account ID', 'Account Name', 'Parent Account', 'Billing Street', 'Billing City', 'Billing State/Province', 'Billing Zip/Postal Code',
      'Billing Country', 'Account Phone', 'Website', 'Industry', 'Employees', 'Account Owner', 'Type'];
    expect(detectCompanyPreset(headers)).toBe('salesforce');
    expect(suggestCompanyMapping(headers, 'salesforce')).toEqual({
      'Account ID': 'externalId', 'Account Name': 'name', 'Parent Account': 'parent', 'Billing Street': 'address:billing.street',
      'Billing City': 'address:billing.city', 'Billing State/Province': 'address:billing.region', 'Billing Zip/Postal Code': 'address:billing.postalCode',
      'Billing Country': 'address:billing.country', 'Account Phone': 'phone', Website: 'domain', Industry: 'industry', Employees: 'size',
      'Account Owner': 'owner', Type: null,
    });
  });

  it('suggests targets for generic English and Vietnamese headers', () => {
    const headers = ['Tên công ty', 'Website', 'Ngành', 'Quy mô', 'Điện thoại', 'Địa chỉ', 'Tỉnh/Thành phố', 'Quốc gia', 'Công ty mẹ', 'Người phụ trách', 'Thẻ', 'Mã công ty'];
    expect(detectCompanyPreset(headers)).toBeNull();
    expect(suggestCompanyMapping(headers, null)).toEqual({
      'Tên công ty': 'name', Website: 'domain', 'Ngành': 'industry', 'Quy mô': 'size', 'Điện thoại': 'phone', 'Địa chỉ': 'address.street',
      'Tỉnh/Thành phố': 'address.city', 'Quốc gia': 'address.country', 'Công ty mẹ': 'parent', 'Người phụ trách': 'owner', 'Thẻ': 'tags', 'Mã công ty': 'externalId',
    });
    expect(suggestCompanyMapping(['Company Name', 'Domain', 'Industry', 'Phone', 'Fax', 'Employees', 'Owner Email', 'Parent company'], null)).toEqual({
      'Company Name': 'name', Domain: 'domain', Industry: 'industry', Phone: 'phone', Fax: 'phone:fax', Employees: 'size', 'Owner Email': 'owner', 'Parent company': 'parent',
    });
    // One column per single-valued target: the first "name"-like column wins.
    expect(suggestCompanyMapping(['Company', 'Name'], null)).toEqual({ Company: 'name', Name: null });
    expect(suggestCompanyTarget('Tier', [{ key: 'tier', label: { en: 'Tier', vi: 'Hạng' } }])).toBe('custom.tier');
    expect(suggestCompanyTarget('Hạng', [{ key: 'tier', label: { en: 'Tier', vi: 'Hạng' } }])).toBe('custom.tier');
  });
});

describe('company rows', () => {
  const headers = ['Name', 'Website', 'Phone', 'Size', 'Country', 'Parent', 'Owner', 'Tags', 'Tier'];
  const mapping = { Name: 'name', Website: 'domain', Phone: 'phone', Size: 'size', Country: 'address.country', Parent: 'parent', Owner: 'owner', Tags: 'tags', Tier: 'custom.tier' };
  const cm = compileCompanyMapping(headers, mapping, 'VN');

  it('targets', () => {
    for (const t of ['name', 'domain', 'phone:fax', 'address:billing.city', 'parent', 'owner', 'custom.tier', 'externalId']) expect(isValidCompanyTarget(t), t).toBe(true);
    for (const t of ['email', 'givenName', 'company', 'lifecycleStage', 'address.planet', 'custom.']) expect(isValidCompanyTarget(t), t).toBe(false);
  });

  it('cleans a row; several phones in one cell', () => {
    const r = transformCompanyRow(['  Công ty  Đại Phát ', 'https://www.daiphat.vn/', '028 3822 1234; 0903 123 456', '120', 'Việt Nam', 'Tập đoàn X', 'lan@kith.test', 'vip, sỉ', 'Gold'], cm);
    expect(r).toEqual({
      ok: true,
      company: {
        name: 'Công ty Đại Phát', domain: 'daiphat.vn', industry: null, size: '51-200',
        phones: [{ number: '+842838221234', raw: '028 3822 1234', label: null, primary: true }, { number: '+84903123456', raw: '0903 123 456', label: null, primary: false }],
        addresses: [{ label: null, street: null, city: null, region: null, postalCode: null, country: 'VN' }],
        parentName: 'Tập đoàn X', owner: 'lan@kith.test', tags: ['vip', 'sỉ'], externalId: null, custom: { tier: 'Gold' },
      },
      warnings: [],
    });
  });

  it('a row without a name fails, listing every cell it could not use', () => {
    expect(transformCompanyRow(['', 'n/a', '12345', '', '', '', '', '', ''], cm)).toEqual({
      ok: false,
      errors: [
        { code: 'invalid_domain', params: { column: 'Website', value: 'n/a' }, message: 'Website: "n/a" is not a valid domain or website' },
        { code: 'invalid_phone', params: { column: 'Phone', value: '12345' }, message: 'Phone: "12345" is not a valid phone number' },
        { code: 'company_needs_name', params: { column: 'Name' }, message: 'Name: a company needs a name' },
      ],
    });
  });

  it('a named row keeps the company: bad optional cells are left out as warnings, naming the column', () => {
    expect(transformCompanyRow(['Acme', 'n/a', '12345; 0903 123 456', 'x'.repeat(41), 'Atlantis', 'ACME', '', '', ''], cm)).toEqual({
      ok: true,
      company: {
        name: 'Acme', domain: null, industry: null, size: null,
        phones: [{ number: '+84903123456', raw: '0903 123 456', label: null, primary: true }],
        addresses: [{ label: null, street: null, city: null, region: null, postalCode: null, country: null }],
        parentName: null, owner: null, tags: [], externalId: null, custom: {},
      },
      warnings: [
        { code: 'invalid_domain', params: { column: 'Website', value: 'n/a' }, message: 'Website: "n/a" is not a valid domain or website' },
        { code: 'invalid_phone', params: { column: 'Phone', value: '12345' }, message: 'Phone: "12345" is not a valid phone number' },
        { code: 'invalid_company_size', params: { column: 'Size', value: 'x'.repeat(41) }, message: `Size: "${'x'.repeat(41)}" is not a company size` },
        { code: 'unknown_country', params: { column: 'Country', value: 'Atlantis' }, message: expect.stringContaining('Atlantis') },
        { code: 'own_parent', params: { column: 'Parent', value: 'ACME' }, message: 'a company cannot be its own parent' },
      ],
    });
    const many = Array.from({ length: 22 }, (_, i) => `0903 123 ${String(400 + i)}`).join('; ');
    const r = transformCompanyRow(['Acme', '', many, '', '', '', '', '', ''], cm);
    expect(r).toMatchObject({ ok: true, warnings: [{ code: 'too_many_phones', params: { max: 20 } }] });
    if (r.ok === true) expect(r.company.phones).toHaveLength(20);
    expect(transformCompanyRow(['', '', '', '', '', '', '', '', ''], cm)).toEqual({ ok: 'empty' });
    // A head count of 0 is an export's "unknown", not an error.
    expect(transformCompanyRow(['Acme', '', '', '0', '', '', '', '', ''], cm)).toMatchObject({ ok: true, company: { size: null } });
  });

  it('match keys and in-file merges', () => {
    const a = transformCompanyRow(['Acme', 'acme.com', '0903 123 456', '', '', '', '', 'a', ''], cm);
    const b = transformCompanyRow(['ACME', 'www.acme.com', '0912 345 678', '45', '', '', '', 'b', ''], cm);
    if (a.ok !== true || b.ok !== true) throw new Error('expected rows');
    const lower = (s: string) => s.toLowerCase();
    expect(companyMatchKeysOf(a.company, ['domain', 'name', 'externalId'], lower)).toEqual(['d:acme.com', 'n:acme']);
    expect(companyMatchKeysOf(a.company, ['externalId'], lower)).toEqual([]);
    const m = mergeCompanyInto(a.company, b.company);
    expect(m).toMatchObject({ name: 'Acme', size: '11-50', tags: ['a', 'b'] });
    expect(m.phones.map((p) => [p.number, p.primary])).toEqual([['+84903123456', true], ['+84912345678', false]]);
  });

  it('reads the fixtures with their presets', async () => {
    for (const [file, preset] of [['hubspot-companies.csv', 'hubspot'], ['salesforce-accounts.csv', 'salesforce'], ['salesforce-accounts-labels.csv', 'salesforce'], ['companies-vi.csv', null]] as const) {
      const info = await inspectSource(fixture(file));
      expect(detectCompanyPreset(info.headers), file).toBe(preset);
      const cm2 = compileCompanyMapping(info.headers, suggestCompanyMapping(info.headers, preset), 'VN');
      const results = [];
      for await (const row of readRows(fixture(file), info)) results.push(transformCompanyRow(row.values, cm2));
      if (file !== 'companies-vi.csv') expect(results.every((x) => x.ok === true), file).toBe(true);
    }
  });
});
