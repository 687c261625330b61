import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Page, type Query } from './api';

/**
 * A cursor-paginated list as one growing array, with `loadMore`. The query key is the path plus filters,
 * so invalidating `[path]` refreshes every filtered view of it.
 *
 * @example const users = useCursorList<User>('/users', { limit: 50 });
 */
export function useCursorList<T>(path: string, params: Query = {}, opts: { enabled?: boolean } = {}) {
  const q = useInfiniteQuery({
    queryKey: [path, 'list', params],
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(path, { ...params, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: opts.enabled,
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

/**
 * Every row of a short list (teams, roles), following cursors up to `max` rows; for selects and trees.
 */
export function useAllPages<T>(path: string, max = 1000) {
  return useQuery({
    queryKey: [path, 'all'],
    queryFn: async ({ signal }) => {
      const out: T[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<T> = await api.get<Page<T>>(path, { limit: 200, cursor: cursor ?? undefined }, { signal });
        out.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && out.length < max);
      return out;
    },
  });
}
