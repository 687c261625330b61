/**
 * A list page's state kept in its URL (list-url.ts): the saved view, filters, sort, columns and quick search
 * come from the query string on load and on back/forward; changing one writes it there (a new history entry,
 * but typing in the search box replaces the current one). CopyLinkButton copies the list as a link.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ActionIcon, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { notifyError, notifySuccess } from './notify';
import { readOverrides, resolveState, shareSearch, withQuery, withState, withView, type ListState, type UrlFilter } from './list-url';

/**
 * @param base what the list shows without overrides: the chosen saved view's state, else the defaults
 * @param defaults the list's own defaults (a copied link spells out what differs from them)
 * @example const url = useListUrl(view ? viewState(view) : defaults, defaults); url.set({ filters: next });
 */
export function useListUrl<F extends UrlFilter>(base: ListState<F>, defaults: ListState<F>) {
  const [params, setParams] = useSearchParams();
  const overrides = useMemo(() => readOverrides<F>(params), [params]);
  const state = resolveState(overrides, base);
  const [q, setQ] = useState(overrides.q);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  // The search the URL was last given from the box: a URL change from elsewhere (back/forward) refills the box.
  const written = useRef(overrides.q);
  useEffect(() => {
    if (overrides.q === written.current) return;
    written.current = overrides.q;
    setQ(overrides.q);
  }, [overrides.q]);
  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    setParams((p) => withQuery(p, debounced), { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  return {
    state,
    /** The search box's text (typed), and the search the list runs (the URL's). */
    q,
    setQ,
    query: overrides.q,
    savedId: params.get('saved'),
    dirty: JSON.stringify(state) !== JSON.stringify(base),
    /** Changes filters, sort or columns (columns replace the history entry: they are layout, not a result set). */
    set: (change: Partial<ListState<F>>) => setParams((p) => withState(p, change, base), { replace: !change.filters && change.sort === undefined }),
    /** Chooses a saved view (or none): its filters, sort and columns replace the URL's. */
    selectView: (id: string | null) => setParams((p) => withView(p, id)),
    /** Clears filters and search together (the empty state's button). */
    clear: () => {
      written.current = '';
      setQ('');
      setParams((p) => withQuery(withState(p, { filters: [] }, base), ''));
    },
    shareUrl: () => `${window.location.origin}${window.location.pathname}?${shareSearch(params, state, defaults, overrides.q)}`,
  };
}

/** "Copy link": copies the list's link; if the clipboard is refused, shows the link to copy by hand. */
export function CopyLinkButton({ url, label, copied, failed }: { url: () => string; label: string; copied: string; failed: string }) {
  const copy = () => {
    const link = url();
    (navigator.clipboard?.writeText(link) ?? Promise.reject(new Error('no clipboard'))).then(() => notifySuccess(copied), () => notifyError(link, failed));
  };
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="default" size="lg" onClick={copy} aria-label={label} data-testid="list-copy-link">
        <IconLink size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
