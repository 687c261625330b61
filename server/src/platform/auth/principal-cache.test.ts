import { describe, expect, it } from 'vitest';
import { invalidatePrincipals, principalGeneration, PrincipalCache } from './principal-cache.js';

describe('PrincipalCache', () => {
  it('keeps an entry for the TTL only', () => {
    const cache = new PrincipalCache<string>(1000);
    cache.set('k', 'v', principalGeneration(), 0);
    expect(cache.get('k', 999)).toBe('v');
    expect(cache.get('k', 1000)).toBeUndefined();
  });

  it('drops every entry when identity data changes', () => {
    const cache = new PrincipalCache<string>(1000);
    cache.set('a', '1', principalGeneration());
    cache.set('b', '2', principalGeneration());
    invalidatePrincipals();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep a load that overlapped an invalidation (it may have read uncommitted or old rows)', () => {
    const cache = new PrincipalCache<string>(1000);
    const loadedAt = principalGeneration();
    invalidatePrincipals(); // a role changed while the load was reading
    cache.set('k', 'stale', loadedAt);
    expect(cache.get('k')).toBeUndefined();
  });

  it('stays bounded: the oldest entry goes first', () => {
    const cache = new PrincipalCache<number>(1000, 3);
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, i, principalGeneration());
    expect(cache.size).toBe(3);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k4')).toBe(4);
  });
});
