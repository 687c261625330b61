import { describe, expect, it } from 'vitest';
import { changedKeys, checkFileType, contentDisposition, extractMentions, plainText, safeFilename, sanitizeBody } from './activities.logic.js';

const allowed = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'txt', 'csv', 'docx', 'xlsx', 'zip'];

describe('sanitizeBody', () => {
  it.each([
    ['<p onclick="x()">Hi</p>', '<p>Hi</p>'],
    ['<script>alert(1)</script><b>ok</b>', '<b>ok</b>'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="https://a.test">x</a>', '<a href="https://a.test" rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<span class="mention evil" data-mention-id="u1" style="color:red">@A</span>', '<span class="mention" data-mention-id="u1">@A</span>'],
    ['<ul><li><em>a</em></li></ul>', '<ul><li><em>a</em></li></ul>'],
  ])('%s → %s', (input, out) => expect(sanitizeBody(input)).toBe(out));
});

describe('extractMentions', () => {
  it('finds span and markdown mentions in order, once each', () => {
    const body = '<span data-mention-id="u2">@B</span> @[Anna Lê](u1) <span data-type="mention" data-id="u3">@C</span> @[B again](u2)';
    expect(extractMentions(body)).toEqual(['u2', 'u1', 'u3']);
  });
  it('ignores text that only looks like a mention', () => {
    expect(extractMentions('email me @ home, [x](y) or data-mention-id=u1')).toEqual([]);
    expect(extractMentions(null)).toEqual([]);
  });
});

describe('checkFileType', () => {
  const png = Buffer.from('89504e470d0a1a0a', 'hex');
  it.each([
    ['a.png', png, 'image/png'],
    ['A.PNG', png, 'image/png'],
    ['a.pdf', Buffer.from('%PDF-1.7'), 'application/pdf'],
    ['a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a.gif', Buffer.from('GIF89a'), 'image/gif'],
    ['a.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'image/webp'],
    ['a.docx', Buffer.from('PK\x03\x04'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a.csv', Buffer.from('name,phone\nLan,0903'), 'text/csv; charset=utf-8'],
    ['a.txt', Buffer.from('Tiếng Việt'), 'text/plain; charset=utf-8'],
  ])('accepts %s', (name, head, mime) => expect(checkFileType(name, head, allowed)).toEqual({ ok: true, mime }));

  it.each([
    ['a.png', Buffer.from('<svg onload=x>'), /not a \.png/],
    ['a.exe', Buffer.from('MZ'), /\.exe is not allowed/],
    ['noext', Buffer.from('x'), /not allowed/],
    ['a.txt', Buffer.from([0x00, 0x01, 0x02]), /not a \.txt/],
    ['a.txt', Buffer.from([0xc3, 0x28]), /not a \.txt/],
    ['a.pdf', Buffer.alloc(0), /empty/],
    ['a.html', Buffer.from('<html>'), /not allowed/],
  ])('rejects %s', (name, head, message) => {
    const r = checkFileType(name, head, allowed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('accepts text whose sample ends in the middle of a multi-byte character', () => {
    const full = Buffer.from('ghi chú đặc biệt');
    expect(checkFileType('a.txt', full.subarray(0, full.length - 1), allowed).ok).toBe(true);
  });
});

describe('filenames and headers', () => {
  it('strips paths and control characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\a"b\r\n.pdf')).toBe('ab.pdf');
    expect(safeFilename('')).toBe('file');
  });
  it('builds an RFC 6266 Content-Disposition with an ASCII fallback', () => {
    expect(contentDisposition('a.pdf')).toBe(`attachment; filename="a.pdf"; filename*=UTF-8''a.pdf`);
    expect(contentDisposition('Hợp đồng.pdf')).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''H%E1%BB%A3p%20%C4%91%E1%BB%93ng\.pdf$/);
  });
});

describe('plainText and changedKeys', () => {
  it('turns HTML into one line of text', () => {
    expect(plainText('<p>Hi &amp; <b>bye</b></p><p>next</p>')).toBe('Hi & bye next');
  });
  it('lists keys whose JSON values differ, ignoring bookkeeping', () => {
    expect(changedKeys({ a: 1, b: [1], version: 1 }, { a: 1, b: [2], c: null, version: 2 }, ['version'])).toEqual(['b']);
  });
});
