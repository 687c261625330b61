import { describe, expect, it } from 'vitest';
import { createsCycle, generateApiKey, normalizeEmail, normalizePermissions, throttleKeys, waitText } from './identity.logic.js';

describe('waitText', () => {
  it.each([
    [0, '1 second'],
    [1_000, '1 second'],
    [12_400, '13 seconds'],
    [60_000, '1 minute'],
    [61_000, '2 minutes'],
    [15 * 60_000, '15 minutes'],
  ])('%i ms → %s', (ms, text) => {
    expect(waitText(ms)).toBe(text);
  });
});

describe('throttleKeys', () => {
  it('keeps account+IP, IP and account counters apart', () => {
    expect(throttleKeys('a@example.test', '10.0.0.1')).toEqual({ accountIp: 'ai:a@example.test|10.0.0.1', ip: 'ip:10.0.0.1', account: 'ac:a@example.test' });
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
