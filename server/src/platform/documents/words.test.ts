import { describe, expect, it } from 'vitest';
import { amountInWords } from './words.js';

// [amount in minor units, currency, Vietnamese, English]
const TABLE: Array<[number, string, string, string]> = [
  [0, 'VND', 'Không đồng', 'Zero dong'],
  [1, 'VND', 'Một đồng', 'One dong'],
  [5, 'VND', 'Năm đồng', 'Five dong'],
  [10, 'VND', 'Mười đồng', 'Ten dong'],
  [11, 'VND', 'Mười một đồng', 'Eleven dong'],
  [15, 'VND', 'Mười lăm đồng', 'Fifteen dong'],
  [20, 'VND', 'Hai mươi đồng', 'Twenty dong'],
  [21, 'VND', 'Hai mươi mốt đồng', 'Twenty-one dong'],
  [24, 'VND', 'Hai mươi bốn đồng', 'Twenty-four dong'],
  [25, 'VND', 'Hai mươi lăm đồng', 'Twenty-five dong'],
  [101, 'VND', 'Một trăm linh một đồng', 'One hundred one dong'],
  [105, 'VND', 'Một trăm linh năm đồng', 'One hundred five dong'],
  [110, 'VND', 'Một trăm mười đồng', 'One hundred ten dong'],
  [115, 'VND', 'Một trăm mười lăm đồng', 'One hundred fifteen dong'],
  [1_000, 'VND', 'Một nghìn đồng', 'One thousand dong'],
  [1_005, 'VND', 'Một nghìn không trăm linh năm đồng', 'One thousand five dong'],
  [1_015, 'VND', 'Một nghìn không trăm mười lăm đồng', 'One thousand fifteen dong'],
  [55_555, 'VND', 'Năm mươi lăm nghìn năm trăm năm mươi lăm đồng', 'Fifty-five thousand five hundred fifty-five dong'],
  [971_999, 'VND', 'Chín trăm bảy mươi mốt nghìn chín trăm chín mươi chín đồng', 'Nine hundred seventy-one thousand nine hundred ninety-nine dong'],
  [1_200_000, 'VND', 'Một triệu hai trăm nghìn đồng', 'One million two hundred thousand dong'],
  [1_005_000, 'VND', 'Một triệu không trăm linh năm nghìn đồng', 'One million five thousand dong'],
  [1_000_005, 'VND', 'Một triệu không trăm linh năm đồng', 'One million five dong'],
  [2_021_000, 'VND', 'Hai triệu không trăm hai mươi mốt nghìn đồng', 'Two million twenty-one thousand dong'],
  [15_500_000, 'VND', 'Mười lăm triệu năm trăm nghìn đồng', 'Fifteen million five hundred thousand dong'],
  [123_456_789, 'VND', 'Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng',
    'One hundred twenty-three million four hundred fifty-six thousand seven hundred eighty-nine dong'],
  [1_000_000_000, 'VND', 'Một tỷ đồng', 'One billion dong'],
  [1_000_000_001, 'VND', 'Một tỷ không trăm linh một đồng', 'One billion one dong'],
  [2_500_000_000, 'VND', 'Hai tỷ năm trăm triệu đồng', 'Two billion five hundred million dong'],
  [1_000_000_000_000, 'VND', 'Một nghìn tỷ đồng', 'One trillion dong'],
  [12_345, 'USD', 'Một trăm hai mươi ba đô la Mỹ và bốn mươi lăm xu', 'One hundred twenty-three US dollars and forty-five cents'],
  [100, 'USD', 'Một đô la Mỹ', 'One US dollar'],
  [1, 'USD', 'Không đô la Mỹ và một xu', 'Zero US dollars and one cent'],
];

describe('amountInWords', () => {
  it.each(TABLE)('%d %s', (amount, currency, vi, en) => {
    expect(amountInWords(amount, currency, 'vi')).toBe(vi);
    expect(amountInWords(amount, currency, 'en')).toBe(en);
  });

  it('reads a zero ten as "lẻ" when asked (the southern choice)', () => {
    expect(amountInWords(105, 'VND', 'vi', { zeroTen: 'lẻ' })).toBe('Một trăm lẻ năm đồng');
    expect(amountInWords(2_004_000, 'VND', 'vi', { zeroTen: 'lẻ' })).toBe('Hai triệu không trăm lẻ bốn nghìn đồng');
  });

  it('reads a negative amount (a credit note)', () => {
    expect(amountInWords(-1_200_000, 'VND', 'vi')).toBe('Âm một triệu hai trăm nghìn đồng');
    expect(amountInWords(-1_200_000, 'VND', 'en')).toBe('Minus one million two hundred thousand dong');
  });
});
