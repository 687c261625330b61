import type ExcelJS from 'exceljs';
import type { SourceRow } from './source.js';

/**
 * exceljs, loaded on first use: it adds about 0.5 s and 30 MB to every process that loads it, and most
 * runs of `kith` (the server, CSV imports and exports) never touch a workbook.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Text of one cell as a person would read it; dates become YYYY-MM-DD, formulas their result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.hyperlink) return o.hyperlink;
    if (o.error) return '';
    return '';
  }
  return String(v);
}

function rowValues(row: ExcelJS.Row): string[] {
  // row.values is 1-based and sparse.
  const values = row.values as unknown[];
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
  return out;
}

/** Rows of the first worksheet, streamed (exceljs WorkbookReader); rowNumber is the sheet row. */
async function* sheetRows(file: string): AsyncGenerator<SourceRow> {
  const Excel = await loadExcel();
  const reader = new Excel.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = rowValues(row);
      if (values.every((v) => v.trim() === '')) continue;
      yield { rowNumber: row.number, values };
    }
    return; // first sheet only
  }
}

export async function xlsxHeaders(file: string): Promise<string[]> {
  for await (const row of sheetRows(file)) return row.values;
  return [];
}

export async function* xlsxRows(file: string): AsyncGenerator<SourceRow> {
  let first = true;
  for await (const row of sheetRows(file)) {
    if (first) {
      first = false;
      continue;
    }
    yield row;
  }
}
