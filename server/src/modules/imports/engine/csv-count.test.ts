import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { countCsvRows, CsvRecordCounter } from './csv-count.js';
import { csvRows } from './csv-reader.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-csv-count-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: Buffer | string): string {
  const f = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(f, content);
  return f;
}
/** What the import streams: csv-reader's own parser (csv-parse), header excluded. */
async function parsed(f: string, encoding: string, delimiter: string): Promise<number | 'error'> {
  let rows = 0;
  try {
    for await (const _ of csvRows(f, encoding, delimiter)) rows++;
  } catch {
    return 'error';
  }
  return rows;
}

describe('countCsvRows', () => {
  it.each([
    ['a,b\n1,2\n3,4\n', 2],
    ['a,b\r\n1,2\r\n3,4', 2],
    ['a,b\n\n1,2\n,\n , \n3,4\n\n', 2],
    ['a,b\n"x\ny",2\n"q ""z""",3\n', 2],
    ['\ufeffName,Email\nAn,an@x.vn\n', 1],
    ['a,b\n"",""\n"",x\n', 1],
    ['a\n', 0],
    ['', 0],
  ])('%j → %i rows, as the parser streams them', async (text, rows) => {
    const f = file(text);
    expect(await countCsvRows(f, 'utf8', ',')).toBe(rows);
    expect(await parsed(f, 'utf8', ',')).toBe(rows);
  });

  it.each([
    ['a,b\r1,2\r', 'a lone CR'],
    ['a,b\n1,2\r\n', 'CR in an LF file'],
    ['a,b\r\n1,2\n', 'LF in a CRLF file'],
    ['a,b\n"x"y,2\n', 'text after a closing quote'],
    ['a,b\n"open,2\n', 'a quote never closed'],
    ['a,b\n\u00a0,\u3000\n', 'a record of Unicode spaces only'],
    ['a;b\n\u037e"x\ny";2\n', 'a quote after non-ASCII in an unquoted field'],
  ])('%j (%s) → null: only the parser can tell', async (text) => {
    expect(await countCsvRows(file(text), 'utf8', text.includes(';') ? ';' : ',')).toBeNull();
  });

  it('does not answer for UTF-16 or multi-byte legacy encodings', async () => {
    const f = file(iconv.encode('a,b\n1,2\n', 'utf16le'));
    expect(await countCsvRows(f, 'utf16le', ',')).toBeNull();
    expect(await countCsvRows(f, 'shiftjis', ',')).toBeNull();
  });

  it('answers Windows-1258 files the same as the parser', async () => {
    const f = file(iconv.encode('Họ tên;Email\nNguyễn Văn An;an@x.vn\n;\nTrần Thị Bình;"b@x.vn"\n', 'windows1258'));
    expect(await countCsvRows(f, 'windows1258', ';')).toBe(2);
    expect(await parsed(f, 'windows1258', ';')).toBe(2);
  });

  it('equals the parser on random CSV-like text whenever it answers', async () => {
    const piece = fc.constantFrom('a', 'Z', '1', ' ', '\t', ',', ';', '"', '""', '\n', '\r\n', '\r', 'é', 'ễ', '\u00a0', '\u037e', '=', "'");
    const texts = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
    let answered = 0;
    await fc.assert(fc.asyncProperty(texts, fc.constantFrom(',', ';', '\t'), async (text, delimiter) => {
      const f = file(text);
      const fast = await countCsvRows(f, 'utf8', delimiter);
      if (fast === null) return;
      answered++;
      expect(fast).toBe(await parsed(f, 'utf8', delimiter));
    }), { numRuns: Number(process.env.CSV_COUNT_RUNS ?? 600) });
    expect(answered).toBeGreaterThan(100); // the property says something
  });

  it('gives the same count whatever the chunk boundaries', () => {
    const bytes = Buffer.from('h1,h2\r\n"a ""b""\r\nc",2\r\n,\r\n"",x\r\n');
    const whole = new CsvRecordCounter(0x2c);
    whole.push(bytes);
    const expected = whole.finish();
    expect(expected).toBe(3);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const c = new CsvRecordCounter(0x2c);
      c.push(bytes.subarray(0, cut));
      c.push(bytes.subarray(cut));
      expect(c.finish()).toBe(expected);
    }
  });
});
