/**
 * The rows of a list as keyset pages (infinite scroll), its capped total, and optimistic single-row updates
 * with rollback. The query keys start with the entity path, so `invalidateQueries(['/contacts'])` refreshes
 * every list and count.
 */
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { entityPath, isStale } from '../data';
import type { Entity } from '../logic';

export const PAGE_SIZE = 200;

export interface ListPage<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
  totalCapped?: boolean;
}

export interface Row {
  id: string;
  version: number;
}

/** The list's filters without sort: what its count depends on. */
function countParams(params: Query): Query {
  const { sort: _sort, ...rest } = params;
  return rest;
}

export function useListRows<T extends Row>(entity: Entity, params: Query) {
  const path = entityPath(entity);
  const q = useInfiniteQuery({
    queryKey: [path, 'list', params],
    // Pages never count: the capped total (up to 10,000 matches to walk) comes from /count, asked in
    // parallel, so the rows show as soon as their page is read.
    queryFn: ({ pageParam, signal }) =>
      api.get<ListPage<T>>(path, { ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined, total: 'false' }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const filters = countParams(params);
  const count = useQuery({
    queryKey: [path, 'count', filters],
    queryFn: ({ signal }) => api.get<{ total: number; totalCapped: boolean }>(`${path}/count`, filters, { signal }),
  });
  return {
    rows: q.data?.pages.flatMap((p) => p.data) ?? [],
    total: count.data?.total,
    totalCapped: count.data?.totalCapped,
    isPending: q.isPending,
    error: q.error,
    refetch: q.refetch,
    hasMore: Boolean(q.hasNextPage),
    loadingMore: q.isFetchingNextPage,
    loadMore: () => void q.fetchNextPage(),
  };
}

type Snapshot = [QueryKey, unknown][];

function replaceIn<T extends Row>(data: unknown, id: string, fn: (row: T) => T): unknown {
  const d = data as InfiniteData<ListPage<T>> | undefined;
  if (!d?.pages) return data;
  return { ...d, pages: d.pages.map((p) => ({ ...p, data: p.data.map((r) => (r.id === id ? fn(r) : r)) })) };
}

/**
 * Patches one record: shows the change at once in every cached list, sends PATCH with If-Match, puts the
 * server's row in place on success, and restores the lists (and says why) on failure.
 */
export function useOptimisticPatch<T extends Row>(entity: Entity) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const path = entityPath(entity);
  return async (row: T, patch: Record<string, unknown>, shown: Partial<T>): Promise<boolean> => {
    const key = [path, 'list'];
    await qc.cancelQueries({ queryKey: key });
    const snapshot: Snapshot = qc.getQueriesData({ queryKey: key });
    qc.setQueriesData({ queryKey: key }, (d) => replaceIn<T>(d, row.id, (r) => ({ ...r, ...shown })));
    try {
      const saved = await api.patch<T>(`${path}/${row.id}`, patch, { version: row.version });
      qc.setQueriesData({ queryKey: key }, (d) => replaceIn<T>(d, row.id, () => saved));
      void qc.invalidateQueries({ queryKey: [path, row.id] });
      void qc.invalidateQueries({ queryKey: [path, 'kanban'] });
      return true;
    } catch (e) {
      for (const [k, d] of snapshot) qc.setQueryData(k, d);
      notifyError(t('contacts.updateFailed', { message: errorMessage(e, t) }));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: key });
      return false;
    }
  };
}
