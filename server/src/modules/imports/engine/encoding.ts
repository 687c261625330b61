/**
 * Text encoding detection and a streaming decoder that always yields NFC text.
 * Detection looks at the first 64 KB: BOM → UTF-16 null-byte pattern → valid UTF-8 → Vietnamese
 * Windows-1258 (tone marks are separate combining bytes) → chardet's guess → Windows-1252; then the
 * sample must read as text in that encoding (assertText), so binary is never taken for a Windows-1252 CSV.
 */
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows1252' | 'windows1258' | string;

export const SAMPLE_BYTES = 64 * 1024;

/** Reads the first bytes of a file (for format and encoding sniffing). */
export function readHead(file: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function isValidUtf8(sample: Buffer): boolean {
  // A multi-byte character may be cut at the end of the sample: drop up to 3 trailing bytes of it.
  let end = sample.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) end = end - i;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Share of Vietnamese letters among the non-ASCII characters when the sample is read as Windows-1258. */
function looksVietnamese1258(sample: Buffer): boolean {
  const text = iconv.decode(sample, 'windows1258').normalize('NFC');
  let toned = 0;
  let vn = 0;
  let nonAscii = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if (c >= 0x1ea0 && c <= 0x1ef9) {
      toned++;
      vn++;
    } else if ('ăâđêôơưĂÂĐÊÔƠƯàáèéìíòóùúýÀÁÈÉÌÍÒÓÙÚÝãõĩũỹ'.includes(ch)) vn++;
  }
  return toned > 0 && vn / Math.max(1, nonAscii) >= 0.6;
}

/** A file that is not text (an image, a PDF, an archive, random bytes), refused before it is read as CSV or vCard. */
export class NotTextError extends Error {
  override readonly name = 'NotTextError';
}

/** Formats people upload by mistake, recognised by their first bytes, with what to tell them. */
const MAGIC: [bytes: number[], what: string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Excel 97–2003 (.xls) or other old Office file: save it as .xlsx or CSV'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], 'an SQLite database'],
];

/** Most control characters a text sample may hold (share of its characters) before it is taken for binary. */
export const MAX_CONTROL_SHARE = 0.01;

/**
 * Throws NotTextError unless the sample reads as text in `encoding`: no known binary signature, no NUL
 * character, and at most 1% control characters (C0 other than tab, line breaks, form feed and the old
 * end-of-file mark; DEL; C1; U+FFFD). Random bytes hold ~12% of them, so any random file is refused
 * whatever its size, while a CSV with a stray control character still imports.
 * Example: assertText(Buffer.from('%PDF-1.7…'), 'utf8') throws "it is a PDF document, not …".
 */
export function assertText(sample: Buffer, encoding: TextEncoding): void {
  for (const [magic, what] of MAGIC) {
    if (sample.length >= magic.length && magic.every((b, i) => sample[i] === b)) {
      throw new NotTextError(`it is ${what}, not a CSV or vCard file`);
    }
  }
  const text = iconv.decode(sample, encoding);
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new NotTextError('it holds binary data, not text: upload a CSV, vCard or .xlsx file');
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 0x1a) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  if (bad > 8 && bad / text.length > MAX_CONTROL_SHARE) {
    throw new NotTextError('it holds binary data, not text: upload a CSV, vCard or .xlsx file');
  }
}

/**
 * Detects the encoding of a file sample and checks that it is text (assertText: a non-text sample throws
 * NotTextError). Example: detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0])) → 'utf16le'.
 */
export function detectEncoding(sample: Buffer): TextEncoding {
  const encoding = guessEncoding(sample);
  assertText(sample, encoding);
  return encoding;
}

function guessEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  const n = Math.min(sample.length, 4096);
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZero++;
    else oddZero++;
  }
  if (n >= 4 && oddZero > n / 8 && evenZero < oddZero / 8) return 'utf16le';
  if (n >= 4 && evenZero > n / 8 && oddZero < evenZero / 8) return 'utf16be';
  if (isValidUtf8(sample)) return 'utf8';
  if (looksVietnamese1258(sample)) return 'windows1258';
  const guess = chardet.detect(sample)?.toLowerCase().replace(/[-_]/g, '') ?? '';
  if (guess.startsWith('windows125') || guess.startsWith('iso8859') || guess === 'shiftjis' || guess === 'big5' || guess === 'gb18030' || guess === 'euckr') {
    // ISO-8859-1 guesses for Western text are read as its superset Windows-1252 (curly quotes, €).
    return guess === 'iso88591' ? 'windows1252' : guess;
  }
  return 'windows1252';
}

/**
 * NUL characters past the sniffed head are dropped: no contact field means one, and PostgreSQL cannot store
 * them in text (a row holding one would fail its whole batch).
 */
function noNul(text: string): string {
  return text.includes('\0') ? text.replace(/\0/g, '') : text;
}

/**
 * Normalises decoded text to NFC chunk by chunk. A chunk may end between a base letter and its combining
 * tone mark (Windows-1258), so the last base character and its marks are held back for the next chunk.
 */
export function nfcStream(): Transform {
  let carry = '';
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _enc, done) {
      const text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      let cut = text.length;
      while (cut > 0 && /\p{M}/u.test(text[cut - 1]!)) cut--;
      if (cut > 0) cut--; // the base character the next chunk's marks may attach to
      if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--;
      carry = text.slice(cut);
      done(null, noNul(text.slice(0, cut).normalize('NFC')));
    },
    flush(done) {
      done(null, noNul(carry.normalize('NFC')));
    },
  });
}

/** A readable of NFC text (BOM removed) from a byte stream in the given encoding. */
export function decodeToText(bytes: Readable, encoding: TextEncoding): Readable {
  const decoder = iconv.decodeStream(encoding, { stripBOM: true }) as unknown as Transform;
  bytes.on('error', (e) => decoder.destroy(e));
  return bytes.pipe(decoder).pipe(nfcStream());
}

/** Decodes a whole buffer (samples, tests) the same way as decodeToText. */
export function decodeBuffer(buf: Buffer, encoding: TextEncoding): string {
  return iconv.decode(buf, encoding, { stripBOM: true }).normalize('NFC');
}
