import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { weakPasswordKey } from './validation';

describe('weakPasswordKey (the server judges, the web app words it)', () => {
  it.each([
    ['too easy to guess (common): this is, or is close to, a commonly used password', 'validation.weakPassword.common'],
    ['too easy to guess (repeat): repeated characters or patterns are easy to guess', 'validation.weakPassword.repeat'],
    ['too easy to guess (newreason): something the web app does not know yet', 'validation.weakPassword.guessable'],
    ['is not your current password', null],
  ])('%s → %s', (message, key) => {
    expect(weakPasswordKey(message)).toBe(key);
  });

  it('has an English and a Vietnamese sentence for every reason the server gives', () => {
    for (const reason of ['repeat', 'sequence', 'keyboard', 'common', 'date', 'word', 'personal', 'guessable'] as const) {
      expect(en.validation.weakPassword[reason]).toMatch(/^Too easy to guess/);
      expect(vi.validation.weakPassword[reason]).toMatch(/^Quá dễ đoán/);
    }
  });
});
