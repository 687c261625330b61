import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { fastVietnamesePhone, normalisePhone, phoneSearchDigits } from './contacts.logic.js';

// The specification: what normalisePhone and phoneSearchDigits answered when they always asked libphonenumber.
function reference(raw: string, region: string): { e164: string | null; valid: boolean } {
  const trimmed = raw.trim();
  if (!/\d/.test(trimmed)) return { e164: null, valid: false };
  const parsed = parsePhoneNumberFromString(trimmed, region.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) return { e164: null, valid: false };
  return { e164: parsed.number, valid: true };
}
function referenceDigits(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? parsed.formatNational().replace(/\D/g, '') : '';
  return [e164.replace(/\D/g, ''), national].filter(Boolean).join(' ');
}

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const digitsOf = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Every first two digits, lengths 6–11, in the layouts people type. */
function* numbers(): Generator<string> {
  const prefixes = ['', '0', '00', '84', '+84', '+84 ', '+84 0', '+ 84 ', '(+84) ', '0084 '];
  const layouts = [
    (s: string) => s,
    (s: string) => s.replace(/(\d{3})(?=\d)/g, '$1 '),
    (s: string) => s.replace(/(\d{3})(?=\d)/g, '$1.'),
    (s: string) => s.replace(/(\d{3})(?=\d)/g, '$1-'),
    (s: string) => `(${s.slice(0, 3)}) ${s.slice(3)}`,
    (s: string) => ` ${s.slice(0, 2)}  ${s.slice(2)})`,
  ];
  for (let a = 0; a < 10; a++) {
    for (let b = 0; b < 10; b++) {
      for (let len = 6; len <= 11; len++) {
        // More samples where the shortcut may answer (9 and 10 digits).
        for (let k = 0; k < (len === 9 || len === 10 ? 4 : 1); k++) {
          const nsn = `${a}${b}${digitsOf(len - 2)}`;
          for (const p of prefixes) for (const layout of layouts) yield p + layout(nsn);
        }
      }
    }
  }
}

describe('phone fast path against libphonenumber', () => {
  it('normalisePhone answers exactly as libphonenumber, for every prefix, length and layout', () => {
    let fast = 0;
    let total = 0;
    let i = 0;
    for (const raw of numbers()) {
      for (const region of i++ % 4 === 0 ? ['VN', 'vn', 'US', 'GB'] : ['VN']) {
        total++;
        const want = reference(raw, region);
        const shortcut = fastVietnamesePhone(raw.trim(), region);
        if (shortcut !== null) {
          fast++;
          expect({ raw, region, e164: shortcut }).toEqual({ raw, region, e164: want.e164 });
        }
        expect({ raw, region, ...normalisePhone(raw, region) }).toEqual({ raw, region, ...want });
      }
    }
    expect(total).toBeGreaterThan(100_000);
    expect(fast).toBeGreaterThan(10_000); // the shortcut is taken, not just harmless
  }, 120_000);

  it('takes the shortcut for the layouts of a Vietnamese contact list', () => {
    for (const raw of ['0912 345 678', '+84 912345678', '(091) 2345678', '84912345678', '0912.345.678', '028 3823 4567', '+84-28-3823-4567']) {
      expect(fastVietnamesePhone(raw, 'VN')).toBe(reference(raw, 'VN').e164);
      expect(fastVietnamesePhone(raw, 'VN')).not.toBeNull();
    }
    for (const raw of ['+1 415 555 2671', '0084 912 345 678', '1900 1234', '0912 345 67', '091234567x']) expect(fastVietnamesePhone(raw, 'VN')).toBeNull();
  });

  it('phoneSearchDigits answers exactly as libphonenumber for every valid number met above', () => {
    const seen = new Set<string>();
    for (const raw of numbers()) {
      const { e164 } = reference(raw, 'VN');
      if (e164 && !seen.has(e164)) {
        seen.add(e164);
        expect({ e164, digits: phoneSearchDigits(e164) }).toEqual({ e164, digits: referenceDigits(e164) });
      }
    }
    for (const e164 of ['+14155552671', '+442079460958', '+8419001234', '+84123']) expect(phoneSearchDigits(e164)).toBe(referenceDigits(e164));
    expect(seen.size).toBeGreaterThan(500);
  }, 60_000);
});
