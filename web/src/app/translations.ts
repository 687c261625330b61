import i18n from '../i18n';
import type { ModuleTranslations } from './registry';

/**
 * Loads every module's strings and registers each under its key, in both languages (a language switch needs no
 * further load). The signed-in shell waits for this before it renders (router.tsx).
 *
 * @example await loadTranslations([{ key: 'contacts', load: () => import('../modules/contacts/i18n') }])
 */
export async function loadTranslations(list: ModuleTranslations[]): Promise<void> {
  const bundles = await Promise.all(list.map((t) => t.load()));
  list.forEach((t, i) => {
    const { en, vi } = bundles[i]!;
    i18n.addResourceBundle('en', 'translation', { [t.key]: en }, true, true);
    i18n.addResourceBundle('vi', 'translation', { [t.key]: vi }, true, true);
  });
}
