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

const registering = new Map<string, Promise<void>>();

/** Loads a module's strings file once and registers it (a split one: its loaders, the language loads below). */
function register(t: ModuleTranslations): Promise<void> {
  let p = registering.get(t.key);
  if (!p) {
    p = (t.load() as Promise<Bundle>).then(({ en, vi, languages }) => {
      if (languages) {
        split.push({ key: t.key, languages, done: new Set(), pending: new Map() });
        return;
      }
      i18n.addResourceBundle('en', 'translation', { [t.key]: en }, true, true);
      i18n.addResourceBundle('vi', 'translation', { [t.key]: vi }, true, true);
    });
    // A failed load (network) is tried again by the next page that needs it.
    p.catch(() => registering.delete(t.key));
    registering.set(t.key, p);
  }
  return p;
}

/**
 * Loads the strings of the modules listed (each once, however often asked) and registers each under its key: a
 * module built with one chunk per language gets the language shown now (another loads when the user switches,
 * app/locale.ts); one with both gets both. The signed-in shell waits for the strings of its header's items, the
 * pages for every module's, the home page for its own and its widgets' (router.tsx, registry.ts).
 *
 * @example await loadTranslations([{ key: 'contacts', load: () => import('../modules/contacts/i18n') }])
 */
export async function loadTranslations(list: ModuleTranslations[]): Promise<void> {
  await Promise.all(list.map(register));
  // The language shown, then any the user switched to meanwhile.
  for (let lang = wanted; ; lang = wanted) {
    await loadLanguage(lang);
    if (lang === wanted) break;
  }
}

let everything: ModuleTranslations[] = [];

/** Every module's strings (router.tsx, from the registry), for `loadAllTranslations`. */
export function knowTranslations(list: ModuleTranslations[]): void {
  everything = list;
}

/** Loads every module's strings: what a page or popup that may show any module's words waits for (the palette). */
export const loadAllTranslations = (): Promise<void> => loadTranslations(everything);
