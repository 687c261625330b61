/**
 * Command-palette providers: contacts and companies from GET /search?q= (accent-insensitive, any phone
 * format). Both groups come from one request per query, shared between the two providers.
 */
import type { SearchResult } from '../../../../contracts/contacts';
import { api } from '../../app/api';
import type { PaletteResult, PaletteSearchProvider } from '../../app/registry';
import { can } from '../../app/session';
import { recordPath } from './paths';

let last: { q: string; promise: Promise<SearchResult[]> } | null = null;

/** One request per query for both providers (the palette calls them together). */
function searchOnce(q: string): Promise<SearchResult[]> {
  if (last?.q === q) return last.promise;
  // Not tied to one provider's abort signal: the other provider awaits the same request.
  const promise = api.get<{ data: SearchResult[] }>('/search', { q, limit: 20 }).then((r) => r.data);
  last = { q, promise };
  promise.catch(() => {
    if (last?.promise === promise) last = null;
  });
  return promise;
}

function provider(type: 'contact' | 'company'): PaletteSearchProvider {
  return {
    key: type === 'contact' ? 'contacts' : 'companies',
    group: type === 'contact' ? 'contacts.palette.contacts' : 'contacts.palette.companies',
    visible: (u) => can(u, type === 'contact' ? 'contacts' : 'companies'),
    search: async (q): Promise<PaletteResult[]> => {
      const found = await searchOnce(q);
      return found.filter((r) => r.type === type).map((r) => ({
        id: r.id,
        label: r.title,
        description: r.subtitle ?? undefined,
        path: recordPath(type, r.id),
      }));
    },
  };
}

export const searchProviders = [provider('contact'), provider('company')];
