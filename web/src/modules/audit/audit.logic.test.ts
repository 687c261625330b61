import { describe, expect, it } from 'vitest';
import { asObject, changedKeys, dayBoundary } from './audit.logic';

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
});
