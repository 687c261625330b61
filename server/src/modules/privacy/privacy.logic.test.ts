import { describe, expect, it } from 'vitest';
import { safeCell, toCsv, zipEntryName } from './privacy.logic.js';

describe('export helpers', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+84903', `'+84903`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['plain', 'plain'],
  ])('neutralises %j', (v, out) => expect(safeCell(v)).toBe(out));
  it('quotes CSV cells and serialises objects', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: { k: 1 } }, { a: 'say "hi"', b: null }])).toBe('a,b\r\n"x,y","{""k"":1}"\r\n"say ""hi""",\r\n');
  });
  it('names zip entries without paths', () => {
    expect(zipEntryName('01', '../evil/a:b.pdf')).toBe('attachments/01-.._evil_a_b.pdf');
  });
});
