import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectEncoding, readHead } from './encoding.js';
import { inspectSource, readRows, type SourceRow } from './source.js';
import { sniffDelimiter } from './csv-reader.js';
import { contentLines, decodeQuotedPrintable, parseProperty } from './vcard-reader.js';

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);
async function all(file: string) {
  const info = await inspectSource(file);
  const rows: SourceRow[] = [];
  for await (const r of readRows(file, info)) rows.push(r);
  const objects = rows.map((r) => Object.fromEntries(info.headers.map((h, i) => [h, r.values[i] ?? ''])));
  return { info, rows, objects };
}

describe('encoding detection', () => {
  it.each([
    ['vietnamese-messy-1258.csv', 'windows1258', ';'],
    ['vietnamese-messy-utf16le.csv', 'utf16le', '\t'],
    ['vietnamese-messy-utf16be.csv', 'utf16be', ';'],
    ['vietnamese-messy-utf8bom.csv', 'utf8', ','],
    ['western-1252.csv', 'windows1252', '|'],
    ['google-current.csv', 'utf8', ','],
  ])('%s → %s, delimiter %j', async (name, encoding, delimiter) => {
    expect(detectEncoding(readHead(fixture(name)))).toBe(encoding);
    const info = await inspectSource(fixture(name));
    expect(info.delimiter).toBe(delimiter);
  });

  it('every Vietnamese variant decodes to the same NFC text', async () => {
    const variants = ['vietnamese-messy-1258.csv', 'vietnamese-messy-utf16le.csv', 'vietnamese-messy-utf16be.csv', 'vietnamese-messy-utf8bom.csv'];
    const decoded = await Promise.all(variants.map(async (v) => (await all(fixture(v))).objects));
    for (const d of decoded) expect(d).toEqual(decoded[3]);
    const first = decoded[0]![0]!;
    expect(first['Họ và tên']).toBe('Nguyễn Văn An');
    expect(first['Họ và tên']).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect(first['Công ty']).toBe('Công ty Đại Phát');
    expect(decoded[0]!).toHaveLength(7);
  });

  it('reads Windows-1252 punctuation and the euro sign', async () => {
    const { objects } = await all(fixture('western-1252.csv'));
    expect(objects[0]).toEqual({ Name: 'José Müller', Email: 'jose@example.de', Company: 'Café “Über” GmbH' });
    expect(objects[1]!.Company).toBe('Crème € SARL');
  });
});

describe('csv', () => {
  it('sniffs the delimiter that splits lines consistently, ignoring quoted ones', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('"x,y";b\n"1,2";3\n"4,5";6\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n')).toBe('|');
  });

  it('numbers rows as in a spreadsheet (header = 1)', async () => {
    const { rows, info } = await all(fixture('hubspot.csv'));
    expect(info.headers[0]).toBe('Record ID');
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3]);
  });
});

describe('xlsx', () => {
  it('streams the first sheet; dates, hyperlinks and numbers become text', async () => {
    const { info, objects, rows } = await all(fixture('contacts.xlsx'));
    expect(info.format).toBe('xlsx');
    expect(info.headers).toEqual(['Full name', 'Email', 'Phone', 'Company', 'Birthday', 'Loyalty tier']);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect(objects[0]).toMatchObject({ 'Full name': 'Nguyễn Văn An', Birthday: '1990-03-15', Phone: '0912345678' });
    expect(objects[1]).toMatchObject({ Email: 'john.smith@example.com', Birthday: '32947' });
  });
});

describe('vcard', () => {
  it('decodes quoted-printable UTF-8 with soft line breaks (Android 2.1)', async () => {
    expect(decodeQuotedPrintable('Nguy=E1=BB=85n')).toBe('Nguyễn');
    async function* lines() {
      yield 'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:a=C3=A1=';
      yield 'b';
      yield 'NOTE:x';
      yield ' y';
    }
    const out: string[] = [];
    for await (const l of contentLines(lines())) out.push(l);
    expect(out).toEqual(['NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:a=C3=A1b', 'NOTE:xy']);
    expect(parseProperty(out[0]!)!.value).toBe('aáb');
    expect(parseProperty('item1.TEL;CELL;PREF:0912')).toMatchObject({ name: 'TEL', types: ['cell', 'pref'], value: '0912' });
    expect(parseProperty('TEL;TYPE="cell,voice":tel:+1')).toMatchObject({ types: ['cell', 'voice'] });
  });

  it('reads vCard 2.1 as Android exports it', async () => {
    const { info, objects } = await all(fixture('android-2.1.vcf'));
    expect(info.format).toBe('vcard');
    expect(objects).toHaveLength(2);
    expect(objects[0]).toMatchObject({
      'Full Name': 'Nguyễn Văn An', 'Last Name': 'Nguyễn', 'First Name': 'Văn An', 'Phone 1 - Label': 'mobile', 'Phone 1 - Value': '0912345678',
      'Phone 2 - Label': 'work', 'E-mail 1 - Value': 'an.nguyen@example.vn', 'Organization Name': 'Công ty Đại Phát',
      Notes: 'Khách hàng thân thiết, gặp tại hội thảo năm 2024', 'Address 1 - Street': '12 Lê Lợi', 'Address 1 - Country': 'Việt Nam',
    });
  });

  it('reads vCard 3.0 (escapes, folding, TYPE lists, PREF first) and 4.0 (tel: URIs, PREF=1)', async () => {
    const v3 = (await all(fixture('contacts-3.0.vcf'))).objects;
    expect(v3[0]).toMatchObject({
      'Last Name': 'Doe', 'First Name': 'Jane', 'Middle Name': 'Q', 'Organization Name': 'Acme Inc', 'Organization Department': 'Research',
      'E-mail 1 - Value': 'jane.doe@acme.example', 'E-mail 1 - Label': 'work', 'E-mail 2 - Value': 'jane@home.example',
      'Phone 1 - Label': 'mobile', 'Address 1 - Street': 'Suite 5, 1 Market St', 'Address 1 - Country': 'USA',
      Notes: 'Met at the conference, likes tea\nSecond line', Labels: 'VIP ::: Partners', UID: '4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
    });
    expect(v3[1]!.Notes).toBe('This is a long note that is folded across two lines');
    const v4 = (await all(fixture('contacts-4.0.vcf'))).objects;
    expect(v4[0]).toMatchObject({ 'Phone 1 - Value': '+84-912-000-111', 'Phone 1 - Label': 'mobile', Birthday: '19750410', 'Address 1 - City': 'Hà Nội' });
  });
});
