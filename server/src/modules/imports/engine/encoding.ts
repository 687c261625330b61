/**
 * Text encoding detection and a streaming decoder that always yields NFC text.
 * Detection looks at the first 64 KB: BOM → UTF-16 null-byte pattern → valid UTF-8 → Vietnamese
 * Windows-1258 (tone marks are separate combining bytes) → chardet's guess → Windows-1252.
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

/** Detects the encoding of a file sample. Example: detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0])) → 'utf16le'. */
export function detectEncoding(sample: Buffer): TextEncoding {
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
      done(null, text.slice(0, cut).normalize('NFC'));
    },
    flush(done) {
      done(null, carry.normalize('NFC'));
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
