/**
 * Phone numbers as people write them: stored E.164, shown for the viewer's region (the workspace's default
 * region). Kept out of format.ts so libphonenumber-js (its metadata) loads with the pages that show phones,
 * not with the app shell.
 *
 * Example: formatPhone('+84912345678', 'VN') → '0912 345 678'; formatPhone('+84912345678', 'US') →
 * '+84 912 345 678'; formatPhone('+14155550132', 'VN') → '+1 415-555-0132'.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** A number from the viewer's own region in its national form, any other in the international form. */
export function formatPhone(value: string | null | undefined, region: string | null | undefined): string {
  if (!value) return '';
  const parsed = parsePhoneNumberFromString(value, (region?.toUpperCase() || undefined) as CountryCode | undefined);
  if (!parsed) return value;
  // North American numbers read "+1 415-555-0132" (the NANP habit), which libphonenumber writes "+1 415 555 0132".
  const nanp = parsed.countryCallingCode === '1' && /^\d{10}$/.test(parsed.nationalNumber);
  if (region && parsed.country === region.toUpperCase()) return parsed.formatNational();
  if (nanp) return `+1 ${parsed.nationalNumber.slice(0, 3)}-${parsed.nationalNumber.slice(3, 6)}-${parsed.nationalNumber.slice(6)}`;
  return parsed.formatInternational();
}

/** A `tel:` link target: the number's digits and leading +, e.g. telHref('+84 912 345 678') → 'tel:+84912345678'. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
