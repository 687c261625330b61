/**
 * Data hooks of the 360° pages: the record (with optimistic-locking saves), its timeline (infinite),
 * users for mentions and owner pickers, lifecycle stages, custom fields. Wire types come from contracts/.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Company, Contact, ContactPatch, CompanyPatch, LifecycleStage } from '../../../../../contracts/contacts';
import type { Activity, ActivityInput, Attachment, TimelineItem } from '../../../../../contracts/activities';
import type { CustomField } from '../../../../../contracts/custom-fields';
import type { Directory } from '../../../../../contracts/identity';
import { api, ApiError, toApiError, type Page } from '../../../app/api';
import { SESSION_KEY, useUser } from '../../../app/auth';
import type { SessionResponse } from '../../../app/session';
import { typesParam } from './logic';

export type { Activity, ActivityInput, Attachment, Company, Contact, CustomField, LifecycleStage, TimelineItem };
export type Entity = 'contact' | 'company';

export const plural = (e: Entity) => (e === 'contact' ? 'contacts' : 'companies');
export const recordKey = (e: Entity, id: string) => [`/${plural(e)}`, 'record', id] as const;
export const timelineKey = (e: Entity, id: string) => [`/${plural(e)}`, 'timeline', id] as const;

export function useRecord<T extends Contact | Company>(entity: Entity, id: string) {
  return useQuery({
    queryKey: recordKey(entity, id),
    queryFn: ({ signal }) => api.get<T>(`/${plural(entity)}/${id}`, undefined, { signal }),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}

/**
 * Saves a patch with `If-Match: "<version>"` (a 412 means someone else changed the record: the caller
 * shows "reload") and puts the server's answer in the cache.
 */
export function useSaveRecord<T extends Contact | Company>(entity: Entity, record: T | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch | CompanyPatch) =>
      api.patch<T>(`/${plural(entity)}/${record!.id}`, patch, { version: record!.version }),
    onSuccess: (saved) => {
      qc.setQueryData(recordKey(entity, saved.id), saved);
      void qc.invalidateQueries({ queryKey: timelineKey(entity, saved.id) });
      void qc.invalidateQueries({ queryKey: [`/${plural(entity)}`, 'list'] });
      void qc.invalidateQueries({ queryKey: [`/${plural(entity)}`, 'count'] });
    },
  });
}

export function useTimeline(entity: Entity, id: string, types: string[]) {
  const q = useInfiniteQuery({
    queryKey: [...timelineKey(entity, id), typesParam(types) ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TimelineItem>>(`/${plural(entity)}/${id}/timeline`, { limit: 25, types: typesParam(types), cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    items: q.data?.pages.flatMap((p) => p.data) ?? [],
    isPending: q.isPending,
    error: q.error,
    refetch: q.refetch,
    hasMore: Boolean(q.hasNextPage),
    loadingMore: q.isFetchingNextPage,
    loadMore: () => void q.fetchNextPage(),
  };
}

/** Refreshes a record's timeline (and the record) after an activity changes. */
export function useRefreshTimeline(entity: Entity, id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: timelineKey(entity, id) });
    void qc.invalidateQueries({ queryKey: ['/activities'] });
  };
}

export interface Person {
  id: string;
  name: string;
  email?: string;
}

/**
 * Users to mention or pick as owner: the colleague directory every signed-in user may read (GET /directory, active
 * users only), plus whoever the caller passes as already known. (The admin-only user list would answer 403 to
 * everyone else: noise in the console of a page they may open.)
 */
export function usePeople(known: Person[] = []): Person[] {
  const me = useUser();
  const q = useQuery({
    queryKey: ['/directory'],
    queryFn: ({ signal }) => api.get<Directory>('/directory', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
  const map = new Map<string, Person>();
  map.set(me.id, { id: me.id, name: me.name, email: me.email });
  for (const u of q.data?.users ?? []) map.set(u.id, { id: u.id, name: u.name, email: u.email });
  for (const k of known) if (!map.has(k.id)) map.set(k.id, k);
  return [...map.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function useStages() {
  return useQuery({
    queryKey: ['/settings/lifecycle-stages'],
    queryFn: ({ signal }) => api.get<{ stages: LifecycleStage[] }>('/settings/lifecycle-stages', undefined, { signal }),
    staleTime: 60_000,
  });
}

export function useCustomFieldDefs(entity: Entity) {
  return useQuery({
    queryKey: ['/custom-fields', entity],
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/custom-fields', { entity }, { signal }),
    staleTime: 60_000,
  });
}

export async function createActivity(input: ActivityInput): Promise<Activity> {
  return api.post<Activity>('/activities', input);
}

/**
 * Uploads one file to an activity (multipart "file"). Errors come back as ApiError (413 too large,
 * 415 type not allowed) like every other call.
 */
/** The session's CSRF token, for the few calls (multipart uploads) made without the JSON client. */
export function useCsrfToken(): () => string | null {
  const qc = useQueryClient();
  return () => qc.getQueryData<SessionResponse | null>(SESSION_KEY)?.csrfToken ?? null;
}

export async function uploadAttachment(activityId: string, file: File, csrf: string | null): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(`/api/v1/activities/${activityId}/attachments`, { method: 'POST', body, headers, credentials: 'same-origin' });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as Attachment;
}

export const attachmentUrl = (activityId: string, attId: string) => `/api/v1/activities/${activityId}/attachments/${attId}`;
