/**
 * A tabular source: headers plus rows streamed as an async iterable, whatever the file format.
 * Row numbers are what a person sees: the spreadsheet row (header = 1) or the card's position in a vCard file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeBuffer, detectEncoding, readHead, type TextEncoding } from './encoding.js';
import { csvHeaders, csvRows, sniffDelimiter } from './csv-reader.js';
import { xlsxHeaders, xlsxRows } from './xlsx-reader.js';
import { VCARD_HEADERS, vcardRows } from './vcard-reader.js';

export type SourceFormat = 'csv' | 'xlsx' | 'vcard';

export interface SourceRow {
  rowNumber: number;
  values: string[];
  /**
   * Follow-up imports only: the record this row's batch already made (a corrected warning). Its cells then go into
   * that record, filling what was left out, instead of being matched.
   */
  recordId?: string;
}

/** What the sniffing found; stored with the import so every later pass reads the file the same way. */
export interface SourceInfo {
  format: SourceFormat;
  encoding: TextEncoding | null;
  delimiter: string | null;
  headers: string[];
}

/** Detects format (by content, then extension), encoding and delimiter, and reads the header row. */
export async function inspectSource(file: string, fileName = file): Promise<SourceInfo> {
  const head = readHead(file);
  if (head[0] === 0x50 && head[1] === 0x4b) {
    return { format: 'xlsx', encoding: null, delimiter: null, headers: uniqueHeaders(await xlsxHeaders(file)) };
  }
  const encoding = detectEncoding(head);
  const text = decodeBuffer(head, encoding);
  if (/^\s*BEGIN:VCARD/i.test(text) || /\.vcf$|\.vcard$/i.test(path.extname(fileName))) {
    return { format: 'vcard', encoding, delimiter: null, headers: [...VCARD_HEADERS] };
  }
  const delimiter = sniffDelimiter(text);
  return { format: 'csv', encoding, delimiter, headers: uniqueHeaders(await csvHeaders(file, encoding, delimiter)) };
}

/** Streams the data rows (header excluded) of a source described by inspectSource. */
export function readRows(file: string, info: SourceInfo): AsyncIterable<SourceRow> {
  if (!fs.existsSync(file)) throw new Error(`import file missing: ${file}`);
  switch (info.format) {
    case 'xlsx':
      return xlsxRows(file);
    case 'vcard':
      return vcardRows(file, info.encoding ?? 'utf8');
    default:
      return csvRows(file, info.encoding ?? 'utf8', info.delimiter ?? ',');
  }
}

/** Trims headers, names blank ones "Column N", and suffixes repeats (" (2)") so mappings can key by header. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Headers stored as JSON text → array. */
export function headersOf(json: string): string[] {
  return JSON.parse(json) as string[];
}
