/**
 * Client-side checks mirroring contracts/identity.ts (the server re-checks everything). Each returns an
 * i18n key of the message, or null.
 */
/** contracts/identity.ts MIN_PASSWORD_LENGTH (copied: importing the contract's values would bundle zod). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export const required = (v: unknown): string | null => (typeof v === 'string' ? v.trim() : v) ? null : 'validation.required';

export function email(v: string): string | null {
  if (!v.trim()) return 'validation.required';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) && v.length <= 254 ? null : 'validation.email';
}

export function name(v: string): string | null {
  if (!v.trim()) return 'validation.required';
  return v.trim().length <= 200 ? null : 'validation.tooLong';
}

export function newPassword(v: string): string | null {
  if (!v) return 'validation.required';
  if (v.length < MIN_PASSWORD_LENGTH) return 'validation.passwordLength';
  return v.length <= MAX_PASSWORD_LENGTH ? null : 'validation.tooLong';
}

export const totpCode = (v: string): string | null => (/^\d{6}$/.test(v.trim()) ? null : 'validation.totpCode');
