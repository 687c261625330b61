import { describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, createsCycle, generateApiKey, normalizeEmail, normalizePermissions, retryAfterSeconds } from './identity.logic.js';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  it.each([
    ['no failures', [], 0],
    ['nine failures', Array.from({ length: 9 }, () => ago(1000)), 0],
    ['ten failures, tenth 5 min ago', [...Array.from({ length: 9 }, () => ago(1000)), ago(5 * 60_000)], 600],
    ['ten failures, tenth just outside the window', [...Array.from({ length: 9 }, () => ago(1000)), ago(FAILURE_WINDOW_MS + 1)], 0],
    ['ten failures just now', Array.from({ length: 10 }, () => ago(0)), 900],
  ])('%s', (_name, failures, expected) => {
    expect(retryAfterSeconds(failures, now)).toBe(expected);
  });
});

describe('normalizePermissions', () => {
  const known = new Set(['contacts', 'deals']);
  it('dedupes and orders actions canonically', () => {
    expect(normalizePermissions({ contacts: { actions: ['update', 'read', 'update'], scope: 'team' } }, known)).toEqual({
      permissions: { contacts: { actions: ['read', 'update'], scope: 'team' } },
    });
  });
  it('names an unknown module by its path', () => {
    expect(normalizePermissions({ nope: { actions: [], scope: 'own' } }, known)).toEqual({ error: { path: 'permissions.nope', message: 'unknown module "nope"' } });
  });
  it('tolerates keys the role already holds', () => {
    expect('permissions' in normalizePermissions({ later: { actions: ['read'], scope: 'own' } }, known, new Set(['later']))).toBe(true);
  });
});

describe('createsCycle', () => {
  // a ← b ← c (c's parent is b, b's parent is a); d stands alone
  const parents = new Map<string, string | null>([['a', null], ['b', 'a'], ['c', 'b'], ['d', null]]);
  it.each([
    ['a under c', 'a', 'c', true],
    ['a under itself', 'a', 'a', true],
    ['b under c', 'b', 'c', true],
    ['c under a', 'c', 'a', false],
    ['a under d', 'a', 'd', false],
    ['a to the top level', 'a', null, false],
  ])('%s', (_name, team, parent, expected) => {
    expect(createsCycle(team, parent, parents)).toBe(expected);
  });
  it('refuses to extend a cycle written by hand', () => {
    expect(createsCycle('z', 'x', new Map([['x', 'y'], ['y', 'x']]))).toBe(true);
  });
});

describe('generateApiKey / normalizeEmail', () => {
  it('makes kith_<6>_<secret> keys with their prefix', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.secret).toMatch(/^kith_[a-z0-9]{6}_[A-Za-z0-9_-]{43}$/);
    expect(a.secret.startsWith(`${a.prefix}_`)).toBe(true);
    expect(a.secret).not.toBe(b.secret);
  });
  it('lowercases and trims emails', () => {
    expect(normalizeEmail('  Lan.Nguyen@Example.COM ')).toBe('lan.nguyen@example.com');
  });
});
