/**
 * Data of the activity screens, for any record: what an activity is on (a contact, a company, or an engine record
 * by type and id), creating one, uploading its files, the colleague directory for mentions and owners, and an
 * engine record's merged timeline (`GET /activities/timeline`). Wire types come from contracts/.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Activity, ActivityInput, Attachment, TimelineItem } from '../../../../contracts/activities';
import type { Directory } from '../../../../contracts/identity';
import { api, toApiError, type Page } from '../../app/api';
import { typesParam } from './logic';
import { SESSION_KEY, useUser } from '../../app/auth';
import type { SessionResponse } from '../../app/session';

export type { Activity, ActivityInput, Attachment, TimelineItem };

/** What an activity is on: a contact, a company, or an engine record (`deals`, `vehicles`…). */
export type ActivityTarget = { kind: 'contact' | 'company'; id: string } | { kind: 'record'; type: string; id: string };

/** The target as fields of `POST /activities`. */
export function targetFields(t: ActivityTarget): Pick<ActivityInput, 'contactId' | 'companyId' | 'recordType' | 'recordId'> {
  if (t.kind === 'record') return { recordType: t.type, recordId: t.id };
  return t.kind === 'contact' ? { contactId: t.id } : { companyId: t.id };
}

/** A stable name of the target (drafts are kept per user and target). */
export const targetScope = (t: ActivityTarget) => (t.kind === 'record' ? `object:${t.type}` : t.kind);

/**
 * An engine record's timeline (activities and field events), newest first, 25 at a time. `key` is its query key
 * (under the record's own key, so whatever refreshes the record refreshes its timeline too).
 */
export function useRecordActivityTimeline(key: readonly unknown[], type: string, id: string, types: string[]) {
  return useTimelinePages(key, '/activities/timeline', { recordType: type, recordId: id }, types);
}

/** Timeline pages at `path` (25 each, newest first), filtered to `types` (none: all), with "show older". */
export function useTimelinePages(key: readonly unknown[], path: string, params: Record<string, string>, types: string[]) {
  const param = typesParam(types);
  const q = useInfiniteQuery({
    queryKey: [...key, param ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TimelineItem>>(path, { ...params, limit: 25, types: param, cursor: pageParam ?? undefined }, { signal }),
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

export async function createActivity(input: ActivityInput): Promise<Activity> {
  return api.post<Activity>('/activities', input);
}

/** The session's CSRF token, for the few calls (multipart uploads) made without the JSON client. */
export function useCsrfToken(): () => string | null {
  const qc = useQueryClient();
  return () => qc.getQueryData<SessionResponse | null>(SESSION_KEY)?.csrfToken ?? null;
}

/**
 * Uploads one file to an activity (multipart "file"). Errors come back as ApiError (413 too large,
 * 415 type not allowed) like every other call.
 */
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
