/**
 * Data hooks of the generic record screens. Query keys start with the object's path (`/objects/vehicles`),
 * so invalidating it refreshes every list, count, board and record of that object.
 */
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page, type Query } from '../../app/api';
import { errorMessage } from '../errors';
import { notifyError } from '../notify';
import type { ByRelationResult, RecordItem, RecordRefsResult, RecordType } from './types';

export const TYPES_KEY = ['/record-types'];
export const objectPath = (name: string) => `/objects/${encodeURIComponent(name)}`;
/** Web paths of objects shown at their own pages (contacts, companies, and standard objects whose module registers one). */
const ownPaths = new Map<string, string>([['contacts', '/contacts'], ['companies', '/companies']]);
/** A web module showing a standard object at its own path (`/deals`) registers it here at load. */
export function registerRecordPath(type: string, path: string): void {
  ownPaths.set(type, path);
}
/** Where the web app lists an object: its own page, else /objects/<name>. */
export function listHref(type: string): string {
  return ownPaths.get(type) ?? `/objects/${type}`;
}
/** Where the web app shows a record. */
export function recordHref(type: string, id: string): string {
  return `${listHref(type)}/${id}`;
}
/** The saved-views `entity` of an object. */
export const viewEntity = (name: string) => `object:${name}`;

/** Every object the caller may read, with its fields (cached for a minute; Settings invalidates it on change). */
export function useRecordTypes() {
  return useQuery({
    queryKey: TYPES_KEY,
    queryFn: ({ signal }) => api.get<{ data: RecordType[] }>('/record-types', undefined, { signal }),
    staleTime: 60_000,
    select: (d) => d.data,
  });
}

/** One object's definition by API name (undefined while loading or when the caller may not read it). */
export function useRecordType(name: string): { type: RecordType | undefined; isPending: boolean; error: unknown } {
  const q = useRecordTypes();
  return { type: q.data?.find((t) => t.name === name), isPending: q.isPending, error: q.error };
}

export const PAGE_SIZE = 100;

/** Rows as keyset pages (infinite scroll) plus the capped count, asked in parallel. */
export function useRecordRows(name: string, params: Query) {
  const path = objectPath(name);
  const q = useInfiniteQuery({
    queryKey: [path, 'list', params],
    queryFn: ({ pageParam, signal }) => api.get<Page<RecordItem>>(path, { ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { sort: _sort, include: _include, ...countParams } = params;
  const count = useQuery({
    queryKey: [path, 'count', countParams],
    queryFn: ({ signal }) => api.get<{ count: number; capped: boolean }>(`${path}/count`, countParams, { signal }),
  });
  return {
    rows: q.data?.pages.flatMap((p) => p.data) ?? [],
    count: count.data?.count,
    capped: count.data?.capped ?? false,
    isPending: q.isPending,
    error: q.error,
    refetch: q.refetch,
    hasMore: Boolean(q.hasNextPage),
    loadingMore: q.isFetchingNextPage,
    loadMore: () => void q.fetchNextPage(),
  };
}

export function useRecord(name: string, id: string, include?: string) {
  const path = objectPath(name);
  return useQuery({
    queryKey: [path, id, include],
    queryFn: ({ signal }) => api.get<RecordItem>(`${path}/${id}`, { include }, { signal }),
    enabled: Boolean(id),
  });
}

/**
 * Titles of the given records (`object:id` refs), as the caller may see them, by ref: `GET /record-search/refs`,
 * 20 per request; a record gone or hidden has none.
 */
export function useRefTitles(refs: string[]): Map<string, string> {
  const wanted = [...new Set(refs)].sort();
  const q = useQuery({
    queryKey: ['/record-search/refs', wanted],
    enabled: wanted.length > 0,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const chunks = Array.from({ length: Math.ceil(wanted.length / 20) }, (_, i) => wanted.slice(i * 20, i * 20 + 20));
      const pages = await Promise.all(chunks.map((c) => api.get<RecordRefsResult>('/record-search/refs', { refs: c.join(',') }, { signal })));
      return new Map(pages.flatMap((p) => p.data.map((x) => [`${x.object}:${x.id}`, x.title] as const)));
    },
  });
  return q.data ?? EMPTY_TITLES;
}
const EMPTY_TITLES = new Map<string, string>();

export type RelatedGroup = ByRelationResult['data'][number];

/** Records of every object whose relation field points at `target`/`id` (a contact, a company, a record). */
export function useRelated(target: string, id: string) {
  return useQuery({
    queryKey: ['/objects/by-relation', target, id],
    queryFn: ({ signal }) => api.get<ByRelationResult>(`/objects/by-relation/${target}/${id}`, undefined, { signal }),
    select: (d) => d.data,
    enabled: Boolean(id),
  });
}

type Snapshot = [QueryKey, unknown][];

function replaceIn(data: unknown, id: string, fn: (row: RecordItem) => RecordItem): unknown {
  const d = data as InfiniteData<Page<RecordItem>> | undefined;
  if (!d?.pages) return data;
  return { ...d, pages: d.pages.map((p) => ({ ...p, data: p.data.map((r) => (r.id === id ? fn(r) : r)) })) };
}

export const isStale = (e: unknown) => e instanceof ApiError && e.status === 412;

/**
 * Patches one record's values: shows the change at once in every cached list, sends PATCH with If-Match,
 * puts the server's record in place, and on failure restores the lists and says why (412: reloads them).
 */
export function useOptimisticPatch(name: string) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const path = objectPath(name);
  return async (row: RecordItem, values: Record<string, unknown>): Promise<boolean> => {
    const key = [path, 'list'];
    await qc.cancelQueries({ queryKey: key });
    const snapshot: Snapshot = qc.getQueriesData({ queryKey: key });
    qc.setQueriesData({ queryKey: key }, (d) => replaceIn(d, row.id, (r) => ({ ...r, values: { ...r.values, ...values } })));
    try {
      const saved = await api.patch<RecordItem>(`${path}/${row.id}`, { values }, { version: row.version });
      qc.setQueriesData({ queryKey: key }, (d) => replaceIn(d, row.id, (r) => ({ ...saved, included: saved.included ?? r.included, includedMany: saved.includedMany ?? r.includedMany })));
      void qc.invalidateQueries({ queryKey: [path, row.id] });
      void qc.invalidateQueries({ queryKey: [path, 'kanban'] });
      return true;
    } catch (e) {
      for (const [k, d] of snapshot) qc.setQueryData(k, d);
      notifyError(isStale(e) ? t('records.staleReloaded') : t('records.updateFailed', { message: errorMessage(e, t) }));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: key });
      return false;
    }
  };
}

/** The `include` parameter resolving every live relation field of an object (undefined when it has none). */
export function relationInclude(type: RecordType | undefined): string | undefined {
  if (!type) return undefined;
  return type.fields.filter((f) => (f.type === 'relation' || f.type === 'relations') && !f.archived).map((f) => f.key).join(',') || undefined;
}
