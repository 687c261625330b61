/**
 * A list's state in its URL, so a list can be shared as a link and back/forward walk its history: the saved
 * view (`saved`), and what differs from that view (or, without one, from the list's defaults): `filter` (the
 * API's JSON array of conditions), `sort` (the API's sort string), `q` (quick search) and `cols` (visible
 * columns, comma separated). `view` (table/kanban) and `group` are the pages' own parameters and pass through.
 * No React here (tested in list-url.test.ts); useListUrl (list-url-hook.ts) wires it to the router.
 */

/** A filter condition as the list APIs take it. */
export interface UrlFilter {
  field: string;
  op: string;
  value?: unknown;
}

export interface ListState<F extends UrlFilter = UrlFilter> {
  filters: F[];
  sort: string;
  columns: string[];
}

/** What the URL overrides; an absent key means "as the view (or the defaults) says". */
export interface ListOverrides<F extends UrlFilter = UrlFilter> {
  filters?: F[];
  sort?: string;
  columns?: string[];
  q: string;
}

/** Parameters this helper owns: a saved view chosen replaces them all but `q`. */
export const STATE_PARAMS = ['filter', 'sort', 'cols'] as const;
const MAX_CONDITIONS = 50;

/**
 * The `filter` parameter's conditions, or undefined when it is absent or not a list of conditions (a
 * hand-edited link falls back to the view instead of failing the page).
 * @example parseFilters('[{"field":"city","op":"is","value":"Huế"}]') // [{ field: 'city', op: 'is', value: 'Huế' }]
 */
export function parseFilters<F extends UrlFilter>(raw: string | null): F[] | undefined {
  if (raw === null) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || v.length > MAX_CONDITIONS) return undefined;
  const ok = v.every((c) => c !== null && typeof c === 'object' && !Array.isArray(c)
    && typeof (c as UrlFilter).field === 'string' && typeof (c as UrlFilter).op === 'string');
  return ok ? (v as F[]) : undefined;
}

const SORT_RE = /^-?[\w.]+(,-?[\w.]+)*$/;
const COLS_RE = /^[\w.]+(,[\w.]+)*$/;

/** The overrides a URL carries (invalid `sort`/`cols`/`filter` values are ignored). */
export function readOverrides<F extends UrlFilter>(params: URLSearchParams): ListOverrides<F> {
  const sort = params.get('sort');
  const cols = params.get('cols');
  return {
    filters: parseFilters<F>(params.get('filter')),
    sort: sort !== null && SORT_RE.test(sort) ? sort : undefined,
    columns: cols !== null && COLS_RE.test(cols) ? cols.split(',') : undefined,
    q: (params.get('q') ?? '').trim(),
  };
}

/** The list's state: each part from the URL when it says so, else from the base (the view or the defaults). */
export function resolveState<F extends UrlFilter>(o: ListOverrides<F>, base: ListState<F>): ListState<F> {
  return { filters: o.filters ?? base.filters, sort: o.sort ?? base.sort, columns: o.columns ?? base.columns };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The URL after one part of the state changed: the part is written only when it differs from the base, so
 * a link stays short and "modified" means the URL says something the view does not.
 */
export function withState<F extends UrlFilter>(params: URLSearchParams, change: Partial<ListState<F>>, base: ListState<F>): URLSearchParams {
  const n = new URLSearchParams(params);
  if (change.filters) {
    if (same(change.filters, base.filters)) n.delete('filter');
    else n.set('filter', JSON.stringify(change.filters));
  }
  if (change.sort !== undefined) {
    if (change.sort === base.sort) n.delete('sort');
    else n.set('sort', change.sort);
  }
  if (change.columns) {
    if (same(change.columns, base.columns)) n.delete('cols');
    else n.set('cols', change.columns.join(','));
  }
  return n;
}

/** The URL with the quick search set (or removed when blank). */
export function withQuery(params: URLSearchParams, q: string): URLSearchParams {
  const n = new URLSearchParams(params);
  if (q.trim()) n.set('q', q.trim());
  else n.delete('q');
  return n;
}

/** The URL with a saved view chosen (or none): the view's own filters, sort and columns replace the overrides. */
export function withView(params: URLSearchParams, id: string | null): URLSearchParams {
  const n = new URLSearchParams(params);
  for (const k of STATE_PARAMS) n.delete(k);
  if (id) n.set('saved', id);
  else n.delete('saved');
  return n;
}

/**
 * The link "Copy link" gives: the current state spelled out against the list's defaults (not the view's), so
 * someone who cannot see the saved view still gets the same filters, sort and columns; drawers (`new`,
 * `edit`) are left out.
 * @example shareSearch(new URLSearchParams('saved=v1'), { filters: [c], sort: '-updatedAt', columns: d }, { filters: [], sort: '-updatedAt', columns: d }, '')
 *   // 'saved=v1&filter=[…]'
 */
export function shareSearch<F extends UrlFilter>(params: URLSearchParams, state: ListState<F>, defaults: ListState<F>, q: string): string {
  const n = new URLSearchParams(params);
  n.delete('new');
  n.delete('edit');
  for (const k of STATE_PARAMS) n.delete(k);
  if (state.filters.length) n.set('filter', JSON.stringify(state.filters));
  else if (n.has('saved')) n.set('filter', '[]');
  if (state.sort !== defaults.sort || n.has('saved')) n.set('sort', state.sort);
  if (!same(state.columns, defaults.columns) || n.has('saved')) n.set('cols', state.columns.join(','));
  const withQ = withQuery(n, q);
  return withQ.toString();
}
