import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { birthdaySchema } from '../../../../contracts/contacts';
import { birthdayFromWire, birthdayToWire } from './form/BirthdayInput';
import { formatBirthday } from './logic';

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
    expect(formatBirthday('1990-07-21')).toBe('21/07/1990');
  });

  it('edits a full date with the picker, a year-less one as day and month typed in the user\'s pattern', () => {
    expect(birthdayFromWire('--07-21', 'vi')).toEqual({ birthday: '', birthdayNoYear: true, birthdayDayMonth: '21/07' });
    expect(birthdayFromWire('1990-07-21', 'en')).toEqual({ birthday: '1990-07-21', birthdayNoYear: false, birthdayDayMonth: '' });
    expect(birthdayFromWire(null, 'en')).toEqual({ birthday: '', birthdayNoYear: false, birthdayDayMonth: '' });
    expect(birthdayToWire({ birthday: '', birthdayNoYear: true, birthdayDayMonth: '21/7' }, 'vi')).toBe('--07-21');
    expect(birthdayToWire({ birthday: '1990-07-21', birthdayNoYear: true, birthdayDayMonth: '' }, 'vi')).toBeNull();
    expect(birthdayToWire({ birthday: '', birthdayNoYear: true, birthdayDayMonth: '31/02' }, 'vi')).toBeUndefined();
    expect(birthdayToWire({ birthday: '1990-07-21', birthdayNoYear: false, birthdayDayMonth: '21/07' }, 'en')).toBe('1990-07-21');
    expect(birthdayToWire({ birthday: '', birthdayNoYear: false, birthdayDayMonth: '' }, 'en')).toBeNull();
  });

  it.each([
    ['1990-07-21', true], ['--07-21', true], ['--02-29', true], ['--02-30', false], ['--13-01', false], ['--0721', false], ['21/07', false],
  ])('the contract accepts %s: %s', (v, ok) => expect(birthdaySchema.safeParse(v).success).toBe(ok));
});
