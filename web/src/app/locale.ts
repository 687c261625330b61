import i18n from '../i18n';
import type { Locale } from './session';

export const LOCALES: Locale[] = ['en', 'vi'];
const STORAGE_KEY = 'kith.locale';

export function normaliseLocale(l: string | null | undefined): Locale {
  return l?.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** Language before sign-in: the last one used on this device, else the browser's. */
export function initialLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be blocked; fall back to the browser.
  }
  return normaliseLocale(saved ?? navigator.language);
}

/** Switches the UI language at once and remembers it on this device. */
export function applyLocale(locale: string): void {
  const l = normaliseLocale(locale);
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Not fatal: the server keeps the user's choice.
  }
  document.documentElement.lang = l;
  if (i18n.language !== l) void i18n.changeLanguage(l);
}
