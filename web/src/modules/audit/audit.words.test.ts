import { describe, expect, it } from 'vitest';
import { auditActions } from '../../../../contracts/audit';
import { actionText, actionWords, entityLink, entityText, entityWords } from './audit.words';

describe('audit words', () => {
  it('every known action has its own words in English and Vietnamese', () => {
    // contracts' auditActions holds every action the server writes (server/src/modules/audit/audit.actions.test.ts).
    expect(Object.keys(actionWords).sort()).toEqual([...auditActions].sort());
    for (const a of auditActions) {
      const w = actionWords[a];
      expect(w.en.trim(), a).not.toBe('');
      expect(w.vi.trim(), a).not.toBe('');
      expect(w.en, a).not.toBe(a);
      expect(w.vi, a).not.toBe(w.en);
    }
    const en = auditActions.map((a) => actionWords[a].en);
    const vi = auditActions.map((a) => actionWords[a].vi);
    expect(new Set(en).size).toBe(en.length);
    expect(new Set(vi).size).toBe(vi.length);
  });

  it('reads the issue\'s examples and falls back to the written action', () => {
    expect(actionText('merged_into', 'en')).toBe('merged into');
    expect(actionText('import_revert', 'en')).toBe('import reverted');
    expect(actionText('import_revert', 'vi')).toBe('đã hoàn tác lần nhập');
    expect(actionText('future_action', 'vi')).toBe('future_action');
  });

  it('names record types, custom objects by their label, and links records to their pages', () => {
    for (const [k, w] of Object.entries(entityWords)) expect(w.vi, k).not.toBe(w.en);
    expect(entityText('company', 'vi')).toBe('Công ty');
    expect(entityText('object:vehicles', 'en', (n) => (n === 'vehicles' ? 'Vehicle' : undefined))).toBe('Vehicle');
    expect(entityLink('contact', 'c1')).toBe('/contacts/c1');
    expect(entityLink('company', 'k1')).toBe('/companies/k1');
    expect(entityLink('import', 'i1')).toBe('/imports/i1');
    expect(entityLink('role', 'r1')).toBe('/settings/roles/r1');
    expect(entityLink('user', 'u1')).toBe('/settings/users');
    expect(entityLink('team', 't1')).toBe('/settings/teams');
    expect(entityLink('object:vehicles', 'v1')).toBe('/objects/vehicles/v1');
    expect(entityLink('contact_pair', 'a|b')).toBeNull();
    expect(entityLink('contact', null)).toBeNull();
  });
});
