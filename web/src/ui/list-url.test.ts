import { describe, expect, it } from 'vitest';
import { parseFilters, readOverrides, resolveState, shareSearch, withQuery, withState, withView, type ListState } from './list-url';

const cond = { field: 'city', op: 'is', value: 'Huế' };
const defaults: ListState = { filters: [], sort: '-updatedAt', columns: ['name', 'email'] };
const view: ListState = { filters: [cond], sort: 'name', columns: ['name', 'phone'] };
const P = (s: string) => new URLSearchParams(s);

describe('list state in the URL', () => {
  it.each([
    ['absent', null, undefined],
    ['a list of conditions', JSON.stringify([cond]), [cond]],
    ['an empty list (no filters, over a view that has some)', '[]', []],
    ['not JSON', '[{', undefined],
    ['not a list', '{"field":"x","op":"is"}', undefined],
    ['a condition without an operator', '[{"field":"x"}]', undefined],
    ['a condition that is a list', '[["x","is"]]', undefined],
  ])('reads the filter parameter: %s', (_, raw, expected) => {
    expect(parseFilters(raw)).toEqual(expected);
  });

  it('reads overrides and ignores malformed sort and columns', () => {
    expect(readOverrides(P(`filter=${encodeURIComponent(JSON.stringify([cond]))}&sort=-name,createdAt&cols=name,custom.size&q=%20lan%20`)))
      .toEqual({ filters: [cond], sort: '-name,createdAt', columns: ['name', 'custom.size'], q: 'lan' });
    expect(readOverrides(P('sort=name;drop&cols=a,,b'))).toEqual({ filters: undefined, sort: undefined, columns: undefined, q: '' });
  });

  it('takes each part from the URL when given, else from the base', () => {
    expect(resolveState({ q: '' }, view)).toEqual(view);
    expect(resolveState({ filters: [], q: '' }, view)).toEqual({ ...view, filters: [] });
    expect(resolveState({ sort: 'email', columns: ['name'], q: '' }, defaults)).toEqual({ filters: [], sort: 'email', columns: ['name'] });
  });

  it('writes a part only when it differs from the base, and keeps other parameters', () => {
    const n = withState(P('saved=v1&view=kanban'), { filters: [], sort: 'name' }, view);
    expect(n.get('filter')).toBe('[]');
    expect(n.has('sort')).toBe(false);
    expect(n.get('view')).toBe('kanban');
    const back = withState(n, { filters: [cond] }, view);
    expect(back.has('filter')).toBe(false);
    expect(withState(P(''), { columns: ['name', 'phone', 'owner'] }, defaults).get('cols')).toBe('name,phone,owner');
  });

  it('sets or clears the search, and a chosen view drops the overrides but keeps the search', () => {
    expect(withQuery(P('q=x'), '  ').has('q')).toBe(false);
    expect(withQuery(P(''), ' Lan ').get('q')).toBe('Lan');
    const n = withView(P('filter=[]&sort=name&cols=name&q=lan&view=kanban'), 'v2');
    expect(Object.fromEntries(n)).toEqual({ q: 'lan', view: 'kanban', saved: 'v2' });
    expect(withView(P('saved=v2&sort=name'), null).toString()).toBe('');
  });

  it('a shared link spells out the state against the defaults, without drawers', () => {
    // No view: only what differs from the defaults.
    expect(shareSearch(P('edit=abc'), { ...defaults, sort: 'name' }, defaults, 'lan')).toBe('sort=name&q=lan');
    // A view: everything, so a user who cannot see the view gets the same list.
    const s = P(shareSearch(P('saved=v1&new=1'), view, defaults, ''));
    expect(Object.fromEntries(s)).toEqual({ saved: 'v1', filter: JSON.stringify([cond]), sort: 'name', cols: 'name,phone' });
    expect(resolveState(readOverrides(s), defaults)).toEqual(view);
    // A view whose filters were removed says so.
    expect(P(shareSearch(P('saved=v1'), { ...view, filters: [] }, defaults, '')).get('filter')).toBe('[]');
  });
});
