import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import {
  datePatternFor, formatDateText, formatMonthDayText, isoToLocal, localToIso, monthDayPattern, parseDateText, parseDateTimeText, parseMonthDayText,
  userDatePattern,
} from './dates';
import { formatDate, formatDateTime } from './format';

describe('the user\'s date pattern', () => {
  it('is dd/mm/yyyy in Vietnamese and the English locale\'s own order otherwise', () => {
    expect(userDatePattern('vi')).toBe('DD/MM/YYYY');
    expect(userDatePattern('en')).toBe('DD/MM/YYYY'); // the app's English is en-GB
    expect(datePatternFor('en-US')).toBe('MM/DD/YYYY');
    expect(datePatternFor('de-DE')).toBe('DD.MM.YYYY');
    expect(datePatternFor('sv-SE')).toBe('YYYY-MM-DD');
  });

  it('drops the year for a month and day', () => {
    expect(monthDayPattern('DD/MM/YYYY')).toBe('DD/MM');
    expect(monthDayPattern('MM/DD/YYYY')).toBe('MM/DD');
    expect(monthDayPattern('DD.MM.YYYY')).toBe('DD.MM');
    expect(monthDayPattern('YYYY-MM-DD')).toBe('MM-DD');
  });
});

describe('typed dates', () => {
  it.each([
    ['21/07/1990', 'DD/MM/YYYY', '1990-07-21'],
    ['21/7/1990', 'DD/MM/YYYY', '1990-07-21'],
    ['21.07.1990', 'DD/MM/YYYY', '1990-07-21'],
    [' 21-07-1990 ', 'DD/MM/YYYY', '1990-07-21'],
    ['07/21/1990', 'MM/DD/YYYY', '1990-07-21'],
    ['1990-07-21', 'DD/MM/YYYY', '1990-07-21'],
    ['29/02/2024', 'DD/MM/YYYY', '2024-02-29'],
    ['29/02/2023', 'DD/MM/YYYY', null],
    ['31/04/2024', 'DD/MM/YYYY', null],
    ['07/21/1990', 'DD/MM/YYYY', null],
    ['21/07/19', 'DD/MM/YYYY', null],
    ['21/07', 'DD/MM/YYYY', null],
    ['tomorrow', 'DD/MM/YYYY', null],
    ['', 'DD/MM/YYYY', null],
  ])('%s in %s → %s', (text, pattern, out) => expect(parseDateText(text, pattern)).toBe(out));

  it('reads a date with a time, 24-hour', () => {
    expect(parseDateTimeText('21/07/1990 14:05', 'DD/MM/YYYY')).toBe('1990-07-21 14:05:00');
    expect(parseDateTimeText('07/21/1990, 9:30', 'MM/DD/YYYY')).toBe('1990-07-21 09:30:00');
    expect(parseDateTimeText('21/07/1990', 'DD/MM/YYYY')).toBe('1990-07-21 00:00:00');
    expect(parseDateTimeText('21/07/1990 24:00', 'DD/MM/YYYY')).toBeNull();
  });

  it('reads a day and month without a year (29 February allowed)', () => {
    expect(parseMonthDayText('21/07', 'DD/MM/YYYY')).toBe('--07-21');
    expect(parseMonthDayText('7/21', 'MM/DD/YYYY')).toBe('--07-21');
    expect(parseMonthDayText('29/2', 'DD/MM/YYYY')).toBe('--02-29');
    expect(parseMonthDayText('30/02', 'DD/MM/YYYY')).toBeNull();
    expect(parseMonthDayText('21/07/1990', 'DD/MM/YYYY')).toBeNull();
  });
});

describe('dates shown in the pattern', () => {
  it('formats dates, date-times and year-less days', () => {
    expect(formatDateText('1990-07-21', 'DD/MM/YYYY')).toBe('21/07/1990');
    expect(formatDateText('1990-07-21', 'MM/DD/YYYY')).toBe('07/21/1990');
    expect(formatDateText('1990-07-21 14:05:00', 'DD/MM/YYYY')).toBe('21/07/1990 14:05');
    expect(formatDateText(null, 'DD/MM/YYYY')).toBe('');
    expect(formatMonthDayText('--07-21', 'DD/MM/YYYY')).toBe('21/07');
    expect(formatMonthDayText('--07-21', 'MM/DD/YYYY')).toBe('07/21');
  });

  it('round-trips a picker\'s local date-time through ISO', () => {
    const iso = localToIso('1990-07-21 14:05:00')!;
    expect(isoToLocal(iso)).toBe('1990-07-21 14:05:00');
    expect(localToIso('')).toBeNull();
    expect(isoToLocal('nonsense')).toBe('');
  });
});

describe('formatDate and formatDateTime in both languages', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('reads dd/mm/yyyy in Vietnamese and the medium style in English; a bare day never shifts', async () => {
    await i18n.changeLanguage('vi');
    expect(formatDate('1990-07-21')).toBe('21/07/1990');
    expect(formatDateTime(localToIso('2026-11-24 14:05:00'))).toBe('14:05 24/11/2026');
    await i18n.changeLanguage('en');
    expect(formatDate('1990-07-21')).toBe('21 Jul 1990');
    expect(formatDateTime(localToIso('2026-11-24 14:05:00'))).toBe('24 Nov 2026, 14:05');
  });
});
