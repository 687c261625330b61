import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { assertText, decodeToText, detectEncoding, NotTextError } from './encoding.js';

const seeded = (n: number, seed: number) => {
  // Deterministic "random" bytes: a SHA-256 chain, so a failure can be replayed.
  const out = Buffer.alloc(n);
  let block = crypto.createHash('sha256').update(String(seed)).digest();
  for (let i = 0; i < n; i += 32) {
    block.copy(out, i, 0, Math.min(32, n - i));
    block = crypto.createHash('sha256').update(block).digest();
  }
  return out;
};

describe('text sniffing (issue 12, finding 8)', () => {
  it('refuses random binary of any size, which was read as a Windows-1252 CSV', () => {
    for (const [n, seed] of [[64, 1], [500, 2], [4096, 3], [65536, 4], [65536, 5]] as const) {
      expect(() => detectEncoding(seeded(n, seed)), `${n} bytes`).toThrow(NotTextError);
    }
    // Binary without a single NUL byte still holds far more than 1% control characters.
    const noNul = Buffer.from(seeded(20_000, 6).filter((b) => b !== 0));
    expect(() => detectEncoding(noNul)).toThrow('it holds binary data, not text: upload a CSV, vCard or .xlsx file');
  });

  it('names the formats people upload by mistake', () => {
    expect(() => detectEncoding(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toThrow('it is a PDF document, not a CSV or vCard file');
    expect(() => detectEncoding(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), seeded(100, 7)]))).toThrow('a PNG image');
    expect(() => detectEncoding(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toThrow('Excel 97–2003 (.xls)');
    expect(() => detectEncoding(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]))).toThrow('a gzip archive');
  });

  it('accepts text in every encoding it reads, and a CSV with a few stray control characters', () => {
    const vi = 'Họ tên,Email\nNguyễn Văn An,an@example.vn\nTrần Thị Bình,binh@example.vn\n';
    expect(detectEncoding(Buffer.from(vi))).toBe('utf8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(vi, 'utf16le')]))).toBe('utf16le');
    expect(detectEncoding(iconv.encode(vi, 'utf16le'))).toBe('utf16le');
    expect(() => detectEncoding(iconv.encode(vi, 'windows1258'))).not.toThrow(); // which of 1258/1252: readers.test.ts
    expect(detectEncoding(iconv.encode('Name,City\nJosé,Zürich\nFrançois,Köln\n', 'windows1252'))).toBe('windows1252');
    const stray = `Name,Notes\n${Array.from({ length: 200 }, (_, i) => `Person ${i},line one\x0bline two${i % 50 === 0 ? '\x01' : ''}`).join('\n')}\x1a`;
    expect(detectEncoding(Buffer.from(stray))).toBe('utf8');
    expect(() => assertText(Buffer.from('a,b\n1,\x002\n'), 'utf8')).toThrow(NotTextError);
  });

  it('drops NUL characters past the sniffed head (PostgreSQL cannot store them; a row holding one failed its batch)', async () => {
    const bytes = Readable.from([Buffer.from('Name,Email\nAn,an@example.vn\n'), Buffer.from('B\0ình,binh@example.vn\n')]);
    let text = '';
    for await (const chunk of decodeToText(bytes, 'utf8')) text += String(chunk);
    expect(text).toBe('Name,Email\nAn,an@example.vn\nBình,binh@example.vn\n');
  });
});
