import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';

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

/** Reasons the server gives for a weak password (server/src/platform/auth/password-policy.ts `weaknesses`). */
const WEAKNESSES = ['repeat', 'sequence', 'keyboard', 'common', 'date', 'word', 'personal', 'guessable'];
const WEAK_RE = /^too easy to guess \((\w+)\)/;

/**
 * The server judges password strength (its dictionaries stay out of the bundle): its field message
 * `too easy to guess (<reason>): …` becomes the i18n key of the reason, or null for any other message.
 * Example: weakPasswordKey('too easy to guess (common): …') → 'validation.weakPassword.common'.
 */
export function weakPasswordKey(message: string): string | null {
  const reason = WEAK_RE.exec(message)?.[1];
  if (!reason) return null;
  return `validation.weakPassword.${WEAKNESSES.includes(reason) ? reason : 'guessable'}`;
}


interface PasswordForm {
  applyApiError(err: unknown, fallback: string): void;
  setErrors(update: (errors: Record<string, string | undefined>) => Record<string, string | undefined>): void;
}

/** `form.applyApiError`, with the server's weak-password verdict on `field` shown in the user's language. */
export function applyPasswordError(form: PasswordForm, err: unknown, field: string, t: TFunction, fallback: string): void {
  form.applyApiError(err, fallback);
  const key = err instanceof ApiError ? weakPasswordKey(err.fieldMessage(field) ?? '') : null;
  if (key) form.setErrors((errors) => ({ ...errors, [field]: t(key) }));
}
