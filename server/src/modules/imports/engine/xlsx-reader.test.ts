import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ZipArchive } from 'archiver';
import { farCellXlsx, hugeCellXlsx, inline, NS, rawXlsx as writeXlsx } from './xlsx-hostile.test-helpers.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExcel, XLSX_LIMITS, XlsxError, xlsxHeaders, xlsxRows } from './xlsx-reader.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const rawXlsx = (name: string, parts: Parameters<typeof writeXlsx>[2]) => writeXlsx(dir, name, parts);

async function readAll(file: string, limits = XLSX_LIMITS) {
  const rows: string[][] = [];
  for await (const r of xlsxRows(file, limits)) rows.push(r.values);
  return rows;
}

/** Runs `fn` while sampling the event loop: the worst delay any other request would have seen. */
async function worstLoopDelayMs<T>(fn: () => Promise<T>): Promise<{ value: T | Error; worstMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let value: T | Error;
  try {
    value = await fn();
  } catch (err) {
    value = err as Error;
  }
  h.disable();
  return { value, worstMs: h.max / 1e6 };
}

describe('xlsx reader limits (issue 12, finding 8)', () => {
  it('reads an ordinary workbook: headers, rows, dates, rich text, formulas; blank rows skipped', async () => {
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet('Danh bạ');
    ws.addRow(['Họ tên', 'Email', 'Ngày sinh', 'Ghi chú']);
    ws.addRow(['Nguyễn Văn An', 'an@example.vn', new Date(Date.UTC(1990, 2, 15)), { richText: [{ text: 'Khách ' }, { text: 'VIP' }] }]);
    ws.addRow([]);
    ws.addRow(['Trần Thị Bình', { formula: 'LOWER("BINH@EXAMPLE.VN")', result: 'binh@example.vn' }, null, 'x'.repeat(XLSX_LIMITS.maxCellChars)]);
    const file = path.join(dir, 'ok.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await xlsxHeaders(file)).toEqual(['Họ tên', 'Email', 'Ngày sinh', 'Ghi chú']);
    const rows = await readAll(file);
    expect(rows[0]).toEqual(['Nguyễn Văn An', 'an@example.vn', '1990-03-15', 'Khách VIP']);
    expect(rows[1]!.slice(0, 3)).toEqual(['Trần Thị Bình', 'binh@example.vn', '']);
    expect(rows[1]![3]).toHaveLength(XLSX_LIMITS.maxCellChars);
    expect(rows).toHaveLength(2);
  });

  it('a 300 KB workbook with one 300 MB cell is refused with a sentence, without the server growing by hundreds of MB', async () => {
    const file = await hugeCellXlsx(dir);
    expect(fs.statSync(file).size).toBeLessThan(400 * 1024);
    const before = process.memoryUsage().rss;
    const { value, worstMs } = await worstLoopDelayMs(() => xlsxHeaders(file));
    expect(value).toBeInstanceOf(XlsxError);
    expect((value as Error).message).toBe("a cell holds more than 32,767 characters (Excel's own limit)");
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(worstMs).toBeLessThan(500);
  });

  it('a cell at XFD1048576 is refused by column, and reading it never blocks the event loop', async () => {
    const file = await farCellXlsx(dir);
    const { value, worstMs } = await worstLoopDelayMs(() => readAll(file));
    expect(value).toBeInstanceOf(XlsxError);
    expect((value as Error).message).toBe('row 1048576 reaches column XFD; at most 2,048 columns can be imported');
    expect(worstMs).toBeLessThan(500);
    // Rows are checked in batches before any is handed over, so the upload is refused when its headers are read.
    await expect(xlsxHeaders(file)).rejects.toThrow('reaches column XFD');
  });

  it('a corrupt workbook gives a sentence, not a JavaScript error', async () => {
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    wb.addWorksheet('S').addRow(['Email']);
    const whole = path.join(dir, 'whole.xlsx');
    await wb.xlsx.writeFile(whole);
    const bytes = fs.readFileSync(whole);
    const cut = path.join(dir, 'truncated.xlsx');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const garbage = path.join(dir, 'garbage.xlsx');
    fs.writeFileSync(garbage, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 0x41)]));
    const damaged = /^the workbook is damaged or is not an \.xlsx file/;
    await expect(xlsxHeaders(cut)).rejects.toThrow(damaged);
    await expect(xlsxHeaders(garbage)).rejects.toThrow(damaged);
    await expect(xlsxHeaders(cut)).rejects.toBeInstanceOf(XlsxError);
  });

  it('a ZIP that is not a workbook, a part that unpacks too far, and a sheet too big for the worker are refused', async () => {
    const zipFile = path.join(dir, 'plain.zip');
    await new Promise<void>((resolve, reject) => {
      const zip = new ZipArchive();
      const out = fs.createWriteStream(zipFile).on('close', () => resolve());
      zip.on('error', reject).pipe(out);
      zip.append('<note>hello</note>', { name: 'note.xml' });
      void zip.finalize();
    });
    await expect(xlsxHeaders(zipFile)).rejects.toThrow('this is a ZIP archive but not an Excel workbook (.xlsx)');

    const rows = (n: number) =>
      function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
        for (let r = 1; r <= n; r++) yield `<row r="${r}">${inline(`A${r}`, `person${r}@example.vn`)}${inline(`B${r}`, 'Nguyễn Văn An '.repeat(20))}</row>`;
        yield '</sheetData></worksheet>';
      };
    const wide = await rawXlsx('many-rows.xlsx', { sheet: rows(20_000) });
    await expect(readAll(wide, { ...XLSX_LIMITS, maxEntryBytes: 1024 * 1024 })).rejects.toThrow('xl/worksheets/sheet1.xml unpacks to more than 1 MB');
    // The heap cap is the backstop for whatever the byte checks let through: the worker stops, the server does not.
    const err = await readAll(wide, { ...XLSX_LIMITS, workerHeapMb: 8, batchRows: 100_000 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(XlsxError);
    expect((err as Error).message).toMatch(/needs more than 8 MB to read|damaged/);
    expect(await readAll(wide)).toHaveLength(19_999);
  }, 60_000);
});
