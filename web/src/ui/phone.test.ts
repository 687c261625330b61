import { describe, expect, it } from 'vitest';
import { formatPhone, telHref } from './phone';

describe('formatPhone', () => {
  it.each([
    ['+84912345678', 'VN', '0912 345 678'],
    ['+84912345678', 'US', '+84 912 345 678'],
    ['+84912345678', null, '+84 912 345 678'],
    ['+84283822 1234'.replace(/\s/g, ''), 'VN', '028 3822 1234'],
    ['+14155550132', 'VN', '+1 415-555-0132'],
    ['+14155550132', 'US', '(415) 555-0132'],
    ['+442079460958', 'VN', '+44 20 7946 0958'],
    ['not a number', 'VN', 'not a number'],
    ['', 'VN', ''],
  ])('%s seen from %s → %s', (e164, region, out) => expect(formatPhone(e164, region)).toBe(out));
});

describe('telHref', () => {
  it('keeps the digits and the plus', () => expect(telHref('+84 912 345 678')).toBe('tel:+84912345678'));
});
