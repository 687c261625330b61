/** Guide pages from the server (`GET /help/guide`, `GET /help/guide/{lang}/{slug}`), in the user's language. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GuideList, GuidePage } from '../../../../contracts/help';
import { api } from '../../app/api';
import { normaliseLocale } from '../../app/locale';

export type { GuideList, GuidePage };

/** The user's current language as a guide language. */
export function useGuideLang(): 'en' | 'vi' {
  return normaliseLocale(useTranslation().i18n.language);
}

/** The pages of the guide in the user's language; `enabled` lets the header menu fetch only once opened. */
export function useGuideList(enabled = true) {
  const lang = useGuideLang();
  return useQuery({
    queryKey: ['/help/guide', lang],
    queryFn: ({ signal }) => api.get<GuideList>('/help/guide', { lang }, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useGuidePage(slug: string) {
  const lang = useGuideLang();
  return useQuery({
    queryKey: ['/help/guide', lang, slug],
    queryFn: ({ signal }) => api.get<GuidePage>(`/help/guide/${lang}/${encodeURIComponent(slug)}`, undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}
