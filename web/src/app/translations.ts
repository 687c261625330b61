import i18n from '../i18n';
import type { ModuleTranslations } from './registry';
import type { Locale } from './session';

/**
 * A module's strings as its `load()` gives them: both languages (the file itself: dev server, tests), or, in the
 * production build, a loader per language (web/split-languages.ts), so a page loads only the language it shows.
 */
interface Bundle {
  en?: object;
  vi?: object;
  languages?: Record<Locale, () => Promise<object>>;
}

interface Split {
  key: string;
  languages: Record<Locale, () => Promise<object>>;
  done: Set<Locale>;
  pending: Map<Locale, Promise<void>>;
}

const split: Split[] = [];
let wanted: Locale = 'en';

/** The language the interface is switching to (app/locale.ts applyLocale), whose strings the shell loads. */
export function wantLanguage(lang: Locale): void {
  wanted = lang;
}

export const wantedLanguage = (): Locale => wanted;

/**
 * Loads the strings of `lang` of every split module not loaded yet and registers them; `null` when there is
 * nothing to load (the switch can happen at once).
 */
export function loadLanguage(lang: Locale): Promise<void> | null {
  const todo = split.filter((s) => !s.done.has(lang));
  if (!todo.length) return null;
  return Promise.all(todo.map((s) => {
    let p = s.pending.get(lang);
    if (!p) {
      p = s.languages[lang]().then((strings) => {
        i18n.addResourceBundle(lang, 'translation', { [s.key]: strings }, true, true);
        s.done.add(lang);
      }).finally(() => s.pending.delete(lang));
      s.pending.set(lang, p);
    }
    return p;
  })).then(() => undefined);
}

/**
 * Loads every module's strings and registers each under its key: a module built with one chunk per language gets
 * the language shown now (another loads when the user switches, app/locale.ts); one with both gets both. The
 * signed-in shell waits for this before it renders (router.tsx).
 *
 * @example await loadTranslations([{ key: 'contacts', load: () => import('../modules/contacts/i18n') }])
 */
export async function loadTranslations(list: ModuleTranslations[]): Promise<void> {
  const bundles = (await Promise.all(list.map((t) => t.load()))) as Bundle[];
  list.forEach((t, i) => {
    const { en, vi, languages } = bundles[i]!;
    if (languages) {
      split.push({ key: t.key, languages, done: new Set(), pending: new Map() });
      return;
    }
    i18n.addResourceBundle('en', 'translation', { [t.key]: en }, true, true);
    i18n.addResourceBundle('vi', 'translation', { [t.key]: vi }, true, true);
  });
  // The language shown, then any the user switched to meanwhile.
  for (let lang = wanted; ; lang = wanted) {
    await loadLanguage(lang);
    if (lang === wanted) break;
  }
}
