/**
 * Counts a CSV file's records straight from its bytes, for an import's `total` (progress and ETA), about
 * 15× cheaper than parsing it. The answer must equal what csv-reader's csv-parse options emit, so the
 * scanner only answers for files it understands completely and returns null otherwise (the caller then
 * counts with the real parser):
 * - single-byte or UTF-8 text (delimiter, quote, CR and LF bytes then always mean those characters);
 * - records ending in LF, or all in CRLF (csv-parse's auto-detected record delimiter); a lone CR → null;
 * - quotes that open a field and close before a delimiter, record end or the end of the file; a closing
 *   quote followed by anything else, or a quote still open at the end → null (csv-parse's relaxed or
 *   error paths);
 * - a record counts when one of its fields holds a visible ASCII character; a record whose only content
 *   is non-ASCII bytes (perhaps Unicode spaces, which csv-parse's empty-record test trims) → null;
 * - a quote inside an unquoted field after non-ASCII bytes → null (NFC maps U+037E to ';', which could be
 *   the delimiter, making that quote open a field in the decoded text).
 */
import fs from 'node:fs';
import type { TextEncoding } from './encoding.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Encodings whose bytes below 0x80 are always ASCII characters. */
export function asciiSafe(encoding: TextEncoding): boolean {
  return encoding === 'utf8' || /^(windows125\d|iso8859\d+)$/.test(encoding);
}

/** Where the scanner stands in the current field. */
const Field = { Start: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3, Closed: 4 } as const;
type FieldState = (typeof Field)[keyof typeof Field];

/** A record-counting state machine fed chunk by chunk. */
export class CsvRecordCounter {
  records = 0;
  private failed = false;
  private field: FieldState = Field.Start;
  private visible = false; // the record holds a visible ASCII character
  private unknown = false; // the record holds non-ASCII bytes (maybe Unicode whitespace)
  private fieldUnknown = false; // the current unquoted field holds non-ASCII bytes
  private crlf: boolean | null = null; // null until the first record delimiter is seen
  private pendingCr = false; // CR seen, LF expected next (CRLF mode)
  private started = false;

  constructor(private readonly delimiter: number) {}

  private endRecord(): boolean {
    if (this.visible) this.records++;
    else if (this.unknown) return false;
    this.visible = false;
    this.unknown = false;
    this.field = Field.Start;
    this.fieldUnknown = false;
    return true;
  }

  /** Feeds bytes; returns false once the file is outside what the scanner understands. */
  push(buf: Uint8Array): boolean {
    if (this.failed) return false;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3; // UTF-8 BOM: stripped by the decoder
    }
    const d = this.delimiter;
    for (; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.pendingCr) {
        if (b !== LF) return this.fail();
        this.pendingCr = false;
        if (!this.endRecord()) return this.fail();
        continue;
      }
      switch (this.field) {
        case Field.Quoted:
          if (b === QUOTE) this.field = Field.QuoteInQuoted;
          else this.see(b);
          continue;
        case Field.QuoteInQuoted:
          if (b === QUOTE) { // "" inside quotes: a literal quote
            this.visible = true;
            this.field = Field.Quoted;
            continue;
          }
          this.field = Field.Closed;
          break; // the closing quote: this byte must end the field (checked below)
        default:
          break;
      }
      if (b === d) {
        this.field = Field.Start;
        this.fieldUnknown = false;
        continue;
      }
      if (b === LF || b === CR) {
        if (this.crlf === null) this.crlf = b === CR;
        if (b === CR) {
          if (!this.crlf) return this.fail();
          this.pendingCr = true;
          continue;
        }
        if (this.crlf) return this.fail();
        if (!this.endRecord()) return this.fail();
        continue;
      }
      if (this.field === Field.Closed) return this.fail();
      if (b === QUOTE && this.field === Field.Start) {
        this.field = Field.Quoted;
        continue;
      }
      // NFC turns U+037E into ';': after non-ASCII bytes a quote might open a field in the decoded text.
      if (b === QUOTE && this.fieldUnknown) return this.fail();
      this.field = Field.Unquoted;
      if (b >= 0x80) this.fieldUnknown = true;
      this.see(b);
    }
    return true;
  }

  private see(b: number): void {
    if (b >= 0x80) this.unknown = true;
    else if (b > 0x20 && b !== 0x7f) this.visible = true;
    else if (b !== 0x20 && b !== 0x09 && b !== LF && b !== CR && b !== 0x0b && b !== 0x0c) this.visible = true; // other controls are not trimmed
  }

  private fail(): false {
    this.failed = true;
    return false;
  }

  /** Records in the file (header included), or null when the scanner cannot be sure. */
  finish(): number | null {
    if (this.failed || this.pendingCr) return null;
    if (this.field === Field.Quoted) return null; // quote not closed: csv-parse's error path
    if (!this.endRecord()) return null;
    return this.records;
  }
}

/**
 * Data records of a CSV file (header excluded) as csv-reader would stream them, or null when only the
 * parser can tell. Example: countCsvRows('a,b\n1,2\n\n3,4', 'utf8', ',') → 2.
 */
export async function countCsvRows(file: string, encoding: TextEncoding, delimiter: string): Promise<number | null> {
  if (!asciiSafe(encoding) || delimiter.length !== 1 || delimiter.charCodeAt(0) >= 0x80) return null;
  const d = delimiter.charCodeAt(0);
  if (d === QUOTE || d === LF || d === CR) return null;
  const counter = new CsvRecordCounter(d);
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) if (!counter.push(chunk)) return null;
  } finally {
    stream.destroy();
  }
  const records = counter.finish();
  return records === null ? null : Math.max(0, records - 1);
}
