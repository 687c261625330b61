/** The owner-scoped lists and counts the "Assigned to me" and "Key numbers" widgets share (one request each). */
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../app/api';

export interface Count { total: number; totalCapped: boolean }
interface Owned { id: string; displayName?: string; name?: string }

/** Monday 00:00 of the current week, in the browser's time zone, as ISO. */
export function startOfWeek(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.toISOString();
}

/** Newest records of `entity` owned by the user, with the list's total. */
export function useOwned(entity: 'contacts' | 'companies', userId: string, enabled: boolean) {
  return useQuery({
    queryKey: [`/${entity}`, 'home-owned', userId],
    queryFn: ({ signal }) => api.get<Page<Owned> & Partial<Count>>(`/${entity}`, { ownerId: userId, sort: '-createdAt', limit: 5, total: 'true' }, { signal }),
    enabled,
  });
}

/** How many of the user's contacts were created this week. */
export function useNewThisWeek(userId: string, enabled: boolean) {
  const since = startOfWeek();
  return useQuery({
    queryKey: ['/contacts', 'home-new-week', userId, since],
    queryFn: ({ signal }) => api.get<Count>('/contacts/count', { ownerId: userId, filter: JSON.stringify([{ field: 'createdAt', op: 'after', value: since }]) }, { signal }),
    enabled,
  });
}

/** "12" or "10,000+" for a capped total. */
export const shownCount = (c: Partial<Count> | undefined, more: (n: number) => string) =>
  c?.total === undefined ? '–' : c.totalCapped ? more(c.total) : String(c.total);
