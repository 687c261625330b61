import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanBirthday, cleanCountry, cleanDate, cleanEmail, fallbackNormalisePhone, splitFullName } from './clean.js';
import { detectPreset, suggestMapping, suggestTarget } from './presets.js';
import { inspectSource, readRows } from './source.js';
import { compileMapping, isValidTarget, transformRow, type ImportedContact } from './transform.js';
import { foldLine, neutralise } from './writers.js';

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);

describe('cleaners', () => {
  it('emails: trimmed, lowercased, validated', () => {
    expect(cleanEmail(' An.Nguyen@Example.VN ')).toBe('an.nguyen@example.vn');
    expect(cleanEmail('mailto:x@y.io')).toBe('x@y.io');
    for (const bad of ['foo', 'a@b', 'a b@c.com', '@c.com', 'a@@c.com']) expect(cleanEmail(bad)).toBeNull();
  });

  it.each([
    ['0912.345.678', '+84912345678'], ['+84 912 345 678', '+84912345678'], ['84-98-765-4321', '+84987654321'],
    ['(028) 3822 1234', '+842838221234'], ['098 765 43 21', '+84987654321'], ['0084 912 345 678', '+84912345678'],
    ['+1 (415) 555-0132', '+14155550132'],
  ])('phone %s → %s', (raw, e164) => {
    expect(fallbackNormalisePhone(raw, 'VN')).toEqual({ e164, valid: true });
  });
  it('rejects impossible phones', () => {
    expect(fallbackNormalisePhone('12345', 'VN').valid).toBe(false);
    expect(fallbackNormalisePhone('abc', 'VN').valid).toBe(false);
  });

  it('splits names, Vietnamese order understood', () => {
    expect(splitFullName('Nguyễn Văn An')).toEqual({ family: 'Nguyễn', given: 'Văn An' });
    expect(splitFullName('Nguyen Van An')).toEqual({ family: 'Nguyen', given: 'Van An' });
    expect(splitFullName('Trần Thị Bình')).toEqual({ family: 'Trần', given: 'Thị Bình' });
    expect(splitFullName('John Smith')).toEqual({ given: 'John', family: 'Smith' });
    expect(splitFullName('Mary Ann  Smith')).toEqual({ given: 'Mary Ann', family: 'Smith' });
    expect(splitFullName('Le Smith')).toEqual({ given: 'Le', family: 'Smith' });
    expect(splitFullName('Smith, John')).toEqual({ given: 'John', family: 'Smith' });
    expect(splitFullName('Madonna')).toEqual({ given: 'Madonna', family: '' });
  });

  it.each([
    ['Việt Nam', 'VN'], ['Vietnam', 'VN'], ['VN', 'VN'], ['viet nam', 'VN'], ['United States', 'US'], ['USA', 'US'],
    ['Hoa Kỳ', 'US'], ['Mỹ', 'US'], ['MY', 'MY'], ['Nhật Bản', 'JP'], ['Germany', 'DE'], ['United Kingdom', 'GB'], ['UK', 'GB'],
    ['Narnia', null],
  ])('country %s → %s', (raw, code) => expect(cleanCountry(raw)).toBe(code));

  it.each([
    ['15/03/1990', '1990-03-15'], ['1990-03-15', '1990-03-15'], ['15-03-1990', '1990-03-15'], ['5/3/90', '1990-03-05'],
    ['03/15/1990', '1990-03-15'], ['15 Mar 1990', '1990-03-15'], ['March 15, 1990', '1990-03-15'], ['32947', '1990-03-15'],
    ['19750410', '1975-04-10'], ['1990/3/15', '1990-03-15'], ['31/02/1990', null], ['--03-20', null], ['soon', null],
  ])('date %s → %s', (raw, iso) => expect(cleanDate(raw)).toBe(iso));

  it.each([
    // Year-less, as real exports write them: Google CSV, vCard 3.0, vCard 4.0, Apple's X-APPLE-OMIT-YEAR marker.
    ['--07-21', '--07-21'], ['--0415', '--04-15'], ['--04-15', '--04-15'], ['1604-09-26', '--09-26'], ['16040926', '--09-26'], ['--02-29', '--02-29'],
    // Placeholders for "no birthday" (Outlook's 0/0/00).
    ['0/0/00', ''], ['00/00/0000', ''], ['0000-00-00', ''], ['00000000', ''],
    // Full dates as cleanDate reads them: dd/mm/yyyy, Excel serials, vCard basic format.
    ['21/07/1990', '1990-07-21'], ['32947', '1990-03-15'], ['19900721', '1990-07-21'],
    // Impossible: a warning for the caller.
    ['31/02/1990', null], ['--02-30', null], ['--13-01', null], ['--0230', null], ['soon', null],
  ])('birthday %s → %j', (raw, out) => expect(cleanBirthday(raw)).toBe(out));
});

describe('presets', () => {
  const headersOf = async (f: string) => (await inspectSource(fixture(f))).headers;
  it.each([
    ['google-current.csv', 'google'], ['google-legacy.csv', 'google'], ['outlook.csv', 'outlook'], ['hubspot.csv', 'hubspot'],
    ['salesforce-api.csv', 'salesforce'], ['salesforce-labels.csv', 'salesforce'], ['android-2.1.vcf', 'vcard'],
    ['vietnamese-messy-utf8bom.csv', null],
  ])('%s is recognised as %s', async (f, preset) => {
    expect(detectPreset(await headersOf(f))).toBe(preset);
  });

  it('maps each preset’s columns', async () => {
    const m = (f: string, preset: Parameters<typeof suggestMapping>[1]) => headersOf(f).then((h) => suggestMapping(h, preset));
    expect(await m('outlook.csv', 'outlook')).toMatchObject({
      'First Name': 'givenName', 'Last Name': 'familyName', 'E-mail Address': 'email', 'Mobile Phone': 'phone:mobile', 'Business Phone': 'phone:work',
      Company: 'company', 'Job Title': 'jobTitle', Title: null, 'Business City': 'address:work.city', 'Business Country/Region': 'address:work.country',
    });
    expect(await m('hubspot.csv', 'hubspot')).toMatchObject({ 'Record ID': 'externalId', Email: 'email', 'Phone Number': 'phone', 'Company Name': 'company', 'Lifecycle Stage': 'lifecycleStage' });
    expect(await m('salesforce-api.csv', 'salesforce')).toMatchObject({ Id: 'externalId', FirstName: 'givenName', 'Account.Name': 'company', MobilePhone: 'phone:mobile', Title: 'jobTitle' });
    expect(await m('salesforce-labels.csv', 'salesforce')).toMatchObject({ 'Contact ID': 'externalId', 'Account Name': 'company', Mobile: 'phone:mobile' });
    expect(await m('google-legacy.csv', 'google')).toMatchObject({ 'Given Name': 'givenName', 'Family Name': 'familyName', Name: 'fullName', 'Organization 1 - Name': 'company', 'E-mail 2 - Value': 'email', 'E-mail 1 - Type': null });
  });

  it('suggests by header similarity in English and Vietnamese, custom fields included', () => {
    const cf = [{ key: 'loyalty_tier', label: { en: 'Loyalty tier', vi: 'Hạng thành viên' } }];
    expect(suggestMapping(['Họ và tên', 'Số điện thoại', 'Điện thoại', 'Email', 'Công ty', 'Chức vụ', 'Địa chỉ', 'Ngày sinh', 'Quốc gia', 'Hạng thành viên', 'Ghi chú'], null, cf)).toEqual({
      'Họ và tên': 'fullName', 'Số điện thoại': 'phone', 'Điện thoại': 'phone', Email: 'email', 'Công ty': 'company', 'Chức vụ': 'jobTitle',
      'Địa chỉ': 'address.street', 'Ngày sinh': 'birthday', 'Quốc gia': 'address.country', 'Hạng thành viên': 'custom.loyalty_tier', 'Ghi chú': 'note',
    });
    expect(suggestTarget('Họ')).toBe('familyName');
    expect(suggestTarget('Tên')).toBe('givenName');
    expect(suggestTarget('E-mail address')).toBe('email');
    expect(suggestTarget('Loyalty Tier', cf)).toBe('custom.loyalty_tier');
    expect(suggestTarget('custom.loyalty_tier', cf)).toBe('custom.loyalty_tier');
    expect(suggestTarget('Kith ID')).toBeNull();
  });
});

describe('transform', () => {
  async function transformed(file: string) {
    const info = await inspectSource(fixture(file));
    const cm = compileMapping(info.headers, suggestMapping(info.headers, detectPreset(info.headers)), 'VN', fallbackNormalisePhone);
    const out = [];
    for await (const r of readRows(fixture(file), info)) out.push(transformRow(r.values, cm));
    return out;
  }
  const ok = (r: Awaited<ReturnType<typeof transformed>>[number]): ImportedContact => {
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    return r.contact;
  };

  it('Google current: ::: multi-values, labels from sibling columns, countries, a year-less birthday as --MM-DD', async () => {
    const [an, jane] = await transformed('google-current.csv');
    expect(ok(an!)).toMatchObject({
      givenName: 'An', familyName: 'Nguyễn', companyName: 'Công ty ABC', jobTitle: 'Giám đốc', birthday: '1990-03-15', tags: ['VIP'],
      emails: [
        { address: 'an.nguyen@abc.vn', label: 'work', primary: true }, { address: 'an@gmail.com', label: 'work', primary: false },
        { address: 'an.home@example.com', label: 'home', primary: false },
      ],
      phones: [{ number: '+84912345678', label: 'mobile', primary: true }, { number: '+842838221234', label: 'work', primary: false }],
      addresses: [{ label: 'work', street: '12 Lê Lợi', city: 'Hồ Chí Minh', region: null, postalCode: '700000', country: 'VN' }],
      social: { website: 'https://abc.vn' },
    });
    expect(ok(jane!)).toMatchObject({ givenName: 'Jane Q', familyName: 'Doe', birthday: '--03-20' });
    expect(jane!.ok === true && jane!.warnings).toEqual([]);
  });

  it('Vietnamese messy file: split names, mixed phones, bad values reported per field', async () => {
    const rows = await transformed('vietnamese-messy-1258.csv');
    expect(ok(rows[0]!)).toMatchObject({ familyName: 'Nguyễn', givenName: 'Văn An', emails: [{ address: 'an.nguyen@example.vn' }], phones: [{ number: '+84912345678' }], birthday: '1990-03-15', addresses: [{ country: 'VN', city: 'Hồ Chí Minh', street: '12 Lê Lợi' }] });
    expect(ok(rows[1]!)).toMatchObject({ familyName: 'Trần', phones: [{ number: '+84987654321' }], birthday: '1985-07-04' });
    expect(ok(rows[2]!)).toMatchObject({ familyName: 'Nguyễn', givenName: 'Văn An', phones: [{ number: '+84912345678' }] });
    // Bad cells cost the value, not the contact: each is a warning naming its column.
    expect(ok(rows[3]!)).toMatchObject({ familyName: 'Lê', emails: [], phones: [{ number: '+842838221234' }] });
    expect(rows[3]!.ok === true && rows[3]!.warnings).toEqual([{ code: 'invalid_email', params: { column: 'Email', value: 'cuong.le@example' }, message: 'Email: "cuong.le@example" is not a valid email' }]);
    expect(ok(rows[5]!)).toMatchObject({ familyName: 'Đỗ', phones: [], emails: [{ address: 'duc.do@example.vn' }] });
    expect(rows[5]!.ok === true && rows[5]!.warnings).toEqual([{ code: 'invalid_phone', params: { column: 'Số điện thoại', value: '12345' }, message: 'Số điện thoại: "12345" is not a valid phone number' }]);
    expect(ok(rows[6]!).addresses[0]!.country).toBe('US');
  });

  it('undoes formula neutralisation and validates targets', () => {
    const cm = compileMapping(['n', 'p'], { n: 'givenName', p: 'phone' }, 'VN', fallbackNormalisePhone);
    expect(ok(transformRow(["'=Bob", "'+84912345678"], cm))).toMatchObject({ givenName: '=Bob', phones: [{ number: '+84912345678' }] });
    expect(isValidTarget('address:home.city')).toBe(true);
    expect(isValidTarget('custom.cf_1')).toBe(true);
    expect(isValidTarget('password')).toBe(false);
    expect(transformRow(['', ''], cm)).toEqual({ ok: 'empty' });
  });
});

describe('writers', () => {
  it('neutralises formula cells, but not an E.164 phone number (a plus and digits only)', () => {
    expect(['=1+1', '+84912345678', '+84 912', '+1-2', '+A1', '-2', '@SUM(A1)', '\tx', '\rx', 'safe', ''].map(neutralise))
      .toEqual(["'=1+1", '+84912345678', "'+84 912", "'+1-2", "'+A1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'safe', '']);
  });
  it('folds vCard lines at 75 octets without splitting characters', () => {
    const folded = foldLine('NOTE:' + 'ễ'.repeat(60));
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((l, i) => (i ? l.slice(1) : l)).join('')).toBe('NOTE:' + 'ễ'.repeat(60));
  });
});
