import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { birthdaySchema } from '../../../../contracts/contacts';
import { birthdayInputType, formatBirthday } from './logic';

describe('year-less birthdays (--MM-DD)', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('shows a month and day without a year, in English and Vietnamese', async () => {
    await i18n.changeLanguage('en');
    expect(formatBirthday('--07-21')).toBe('21 July');
    expect(formatBirthday('--02-29')).toBe('29 February');
    expect(formatBirthday('1990-07-21')).toBe('21 Jul 1990');
    expect(formatBirthday(null)).toBe('');
    await i18n.changeLanguage('vi');
    expect(formatBirthday('--07-21')).toBe('21 tháng 7');
  });

  it('edits a month-day as text (a date picker cannot show it) and a full date with the picker', () => {
    expect(birthdayInputType('--07-21')).toBe('text');
    expect(birthdayInputType('1990-07-21')).toBe('date');
    expect(birthdayInputType(null)).toBe('date');
  });

  it.each([
    ['1990-07-21', true], ['--07-21', true], ['--02-29', true], ['--02-30', false], ['--13-01', false], ['--0721', false], ['21/07', false],
  ])('the contract accepts %s: %s', (v, ok) => expect(birthdaySchema.safeParse(v).success).toBe(ok));
});
