/**
 * The part of react-i18next the app uses, in the production build (web/vite.config.ts aliases `react-i18next` here,
 * `i18next` to ./i18next.ts): `initReactI18next` and `useTranslation()`, whose `t` follows the language shown and
 * whose component renders again when it changes.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { I18n, TFunction } from './i18next';

let instance: I18n | null = null;

export const initReactI18next = {
  type: '3rdParty',
  init(i18n: I18n): void {
    instance = i18n;
  },
};

const subscribe = (listener: () => void) => {
  instance!.on('languageChanged', listener);
  return () => {
    instance!.off('languageChanged', listener);
  };
};
const language = () => instance!.language;

export function useTranslation(): [TFunction, I18n, boolean] & { t: TFunction; i18n: I18n; ready: boolean } {
  const i18n = instance!;
  const lng = useSyncExternalStore(subscribe, language, language);
  return useMemo(() => {
    const t = i18n.getFixedT(lng);
    return Object.assign([t, i18n, true] as [TFunction, I18n, boolean], { t, i18n, ready: true });
  }, [i18n, lng]);
}
