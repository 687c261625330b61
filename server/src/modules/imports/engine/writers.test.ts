import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { companyCells, companyHeaders, companyVcard, type ExportCompany } from './company-writers.js';
import { csvBatchStream, csvField, exportCells, exportHeaders, neutralise, type ExportContact } from './writers.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ALPHABET = ['a', 'Z', '0', ' ', ',', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", ';', 'ễ', 'Đ', '😀', '\\'];
function randomCell(r: () => number): string {
  const n = Math.floor(r() * 8);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

async function text(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

describe('CSV encoder', () => {
  it.each([
    ['', ''], ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'], ['cr\r', '"cr\r"'],
    ['=1+2', "'=1+2"], ['+84912345678', '+84912345678'], ['+84 912 345 678', "'+84 912 345 678"], ['+1+2', "'+1+2"], ['+', "'+"], ['-5', "'-5"], ['@sum', "'@sum"], ['\tx', "'\tx"], ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`], ["'already", "'already"], [' =not first', ' =not first'],
  ])('csvField(%j) → %j', (cell, out) => {
    expect(csvField(cell)).toBe(out);
  });

  it('writes what csv-stringify writes for neutralised cells, and csv-parse (strict) reads the cells back', async () => {
    const r = rng(42);
    const rows = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => randomCell(r)));
    const headers = ['A', 'B', 'C', 'D', 'E', 'F'];
    const batches = [rows.slice(0, 150), [], rows.slice(150)];
    for (const bom of [false, true]) {
      const ours = await text(csvBatchStream<string[]>(headers, Readable.from(batches), (row) => [...row], { bom }));
      const reference = stringify([headers, ...rows.map((row) => row.map(neutralise))], { bom, record_delimiter: '\r\n', quoted_match: /[\r\n",]/ });
      expect(ours).toBe(reference);
      const back = parse(ours, { bom: true, strict: true, relax_column_count: false } as never) as string[][];
      expect(back).toEqual([headers, ...rows.map((row) => row.map(neutralise))]);
    }
  });
});

/** The earlier slot layout (filter/slice/flatMap), kept as the reference for the loop version. */
function referenceSlots<T>(items: T[], primary: (t: T) => boolean, n: number): T[][] {
  const ordered = [...items.filter(primary), ...items.filter((t) => !primary(t))];
  return Array.from({ length: n }, (_, i) => (i < n - 1 ? ordered.slice(i, i + 1) : ordered.slice(i)));
}

describe('exportCells', () => {
  it('puts primaries first and shares the last slot, as the earlier layout did', () => {
    const r = rng(7);
    for (let k = 0; k < 300; k++) {
      const emails = Array.from({ length: Math.floor(r() * 6) }, (_, i) => ({ address: `e${i}@x.vn`, label: r() < 0.5 ? 'work' : null, primary: r() < 0.3 }));
      const phones = Array.from({ length: Math.floor(r() * 6) }, (_, i) => ({ number: `+8491000000${i}`, label: r() < 0.5 ? 'mobile' : null, primary: r() < 0.3 }));
      const c: ExportContact = {
        id: 'c1', givenName: 'An', familyName: null, displayName: 'An', emails, phones, addresses: [{ label: 'home', city: 'Huế' }], social: { zalo: '0912' },
        jobTitle: null, department: null, birthday: null, company: null, owner: null, tags: ['a', 'b'], lifecycleStage: 'lead', source: null, externalId: null, custom: { k: ['x', 'y'] },
      };
      const cells = exportCells(c, ['k']);
      expect(cells).toHaveLength(exportHeaders(['k']).length);
      const e = referenceSlots(emails, (x) => x.primary, 3).flatMap((s) => [s[0]?.label ?? '', s.map((x) => x.address).join(' ::: ')]);
      const p = referenceSlots(phones, (x) => x.primary, 3).flatMap((s) => [s[0]?.label ?? '', s.map((x) => x.number).join(' ::: ')]);
      expect(cells.slice(8, 14)).toEqual(e);
      expect(cells.slice(14, 20)).toEqual(p);
      expect(cells.at(-1)).toBe('x ::: y');
    }
  });
});

describe('Full Name column', () => {
  const base: ExportContact = {
    id: 'c1', givenName: null, familyName: null, displayName: '', emails: [], phones: [], addresses: [], social: {},
    jobTitle: null, department: null, birthday: null, company: null, owner: null, tags: [], lifecycleStage: 'lead', source: null, externalId: null, custom: {},
  };
  const fullName = (c: Partial<ExportContact>) => {
    const row = { ...base, ...c };
    return exportCells(row, [])[exportHeaders([]).indexOf('Full Name')];
  };
  it('writes each name in its own order, whatever the exporter\'s language', () => {
    expect(fullName({ givenName: 'Thị Minh Khai', familyName: 'Nguyễn' })).toBe('Nguyễn Thị Minh Khai');
    expect(fullName({ givenName: 'Van Binh', familyName: 'Nguyen' })).toBe('Nguyen Van Binh');
    expect(fullName({ givenName: 'Henry', familyName: 'Walker' })).toBe('Henry Walker');
    expect(fullName({ givenName: '伟', familyName: '王' })).toBe('王伟');
    // The order a user chose for the contact wins over detection.
    expect(fullName({ givenName: 'Henry', familyName: 'Walker', effectiveNameOrder: 'family_first' })).toBe('Walker Henry');
    expect(fullName({ givenName: 'Lan', familyName: 'Trần', effectiveNameOrder: 'given_first' })).toBe('Lan Trần');
    expect(fullName({ givenName: 'Lan' })).toBe('Lan');
    expect(fullName({})).toBe('');
  });
});

describe('company layout', () => {
  const co: ExportCompany = {
    id: 'co1', name: 'Công ty A; B', domain: 'a.vn', industry: 'Retail', size: '11-50',
    phones: [{ number: '+84281234567', label: 'work', primary: false }, { number: '+84909999999', label: 'mobile', primary: true }],
    addresses: [{ label: 'work', street: '1 Lê Lợi', city: 'Huế', region: null, postalCode: null, country: 'VN' }],
    parent: { id: 'p', name: 'Tập đoàn X' }, owner: { id: 'u', name: 'Lan' }, tags: ['vip', 'hn'], externalId: 'acc-7', custom: { tier: 'gold' },
  };
  it('cells follow the headers', () => {
    const headers = companyHeaders(['tier']);
    const row = Object.fromEntries(headers.map((h, i) => [h, companyCells(co, ['tier'])[i]]));
    expect(row).toMatchObject({
      Name: 'Công ty A; B', Domain: 'a.vn', 'Phone 1 - Label': 'mobile', 'Phone 1 - Value': '+84909999999', 'Phone 2 - Value': '+84281234567',
      'Address 1 - City': 'Huế', 'Parent Company': 'Tập đoàn X', Labels: 'vip ::: hn', 'External ID': 'acc-7', Owner: 'Lan', 'Kith ID': 'co1', 'custom.tier': 'gold',
    });
  });
  it('vCard is KIND:org with escaped text', () => {
    const card = companyVcard(co);
    expect(card).toContain('KIND:org\r\n');
    expect(card).toContain('FN:Công ty A\\; B\r\n');
    expect(card).toContain('URL:https://a.vn\r\n');
    expect(card).toContain('TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+84909999999');
  });
});
