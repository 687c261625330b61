import { describe, expect, it } from 'vitest';
import { asObject, auditQuery, changedKeys, dayBoundary, filtersFromParams, paramsFromFilters } from './audit.logic';

describe('audit helpers', () => {
  it('changedKeys lists added, removed and changed keys only', () => {
    expect(changedKeys({ name: 'A', role: 'x', same: [1] }, { name: 'B', same: [1], team: 't' })).toEqual(['name', 'role', 'team']);
  });

  it('changedKeys treats a create (before null) as every key added', () => {
    expect(changedKeys(null, '{"b":1,"a":2}')).toEqual(['a', 'b']);
  });

  it('asObject reads JSON text and wraps scalars', () => {
    expect(asObject('{"x":1}')).toEqual({ x: 1 });
    expect(asObject('not json')).toEqual({ value: 'not json' });
    expect(asObject(null)).toBeNull();
  });

  it('dayBoundary spans the whole local day', () => {
    const from = new Date(dayBoundary('2026-11-24', 'start')!);
    const to = new Date(dayBoundary('2026-11-24', 'end')!);
    expect(to.getTime() - from.getTime()).toBe(24 * 3600 * 1000 - 1);
    expect(from.getDate()).toBe(24);
    expect(dayBoundary(null, 'start')).toBeUndefined();
  });

  it('filters round-trip through the URL, empty ones left out, bad dates dropped', () => {
    const f = filtersFromParams(new URLSearchParams('actor=u1&action=merge&entity=contact&from=2026-11-01&to=nope'));
    expect(f).toEqual({ actor: 'u1', action: 'merge', entity: 'contact', from: '2026-11-01', to: null });
    expect(paramsFromFilters(f)).toEqual({ actor: 'u1', action: 'merge', entity: 'contact', from: '2026-11-01' });
    expect(filtersFromParams(new URLSearchParams(paramsFromFilters(f)))).toEqual(f);
  });

  it('auditQuery sends the picked person, action, type and whole days (one day picked = that day)', () => {
    const q = auditQuery({ actor: 'u1', action: 'merge', entity: null, from: '2026-11-24', to: null });
    expect(q).toMatchObject({ actorId: 'u1', action: 'merge', entity: undefined, from: dayBoundary('2026-11-24', 'start'), to: dayBoundary('2026-11-24', 'end') });
  });
});
