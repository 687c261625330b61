import i18n from '../i18n';
import type { Locale } from './session';
import { loadLanguage, wantedLanguage, wantLanguage } from './translations';

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

/**
 * Switches the UI language and remembers it on this device: at once when its strings are here, else as soon as the
 * modules' strings in that language have loaded (app/translations.ts; the last switch asked wins).
 */
export function applyLocale(locale: string): void {
  const l = normaliseLocale(locale);
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Not fatal: the server keeps the user's choice.
  }
  wantLanguage(l);
  const show = () => {
    if (wantedLanguage() !== l) return;
    document.documentElement.lang = l;
    if (i18n.language !== l) void i18n.changeLanguage(l);
  };
  const loading = loadLanguage(l);
  // Shown even if a module's strings failed to load: its keys then read as such, the rest is translated.
  if (loading) void loading.then(show, show);
  else show();
}
