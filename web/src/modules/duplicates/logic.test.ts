import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../../contracts/contacts';
import { daysUntilPurge, defaultChoices, duplicatesTab, isEmptyValue, objectText, sameValue, scoreColor, scorePercent, toServerChoices } from './logic';

const unknown = { status: 'unknown' as const, at: null, source: null };
const contact = (over: Partial<Contact>): Contact => ({
  id: 'x', givenName: null, familyName: null, nameOrder: null, effectiveNameOrder: 'given_first', pronoun: null, displayName: '', emails: [], phones: [], addresses: [],
  social: {}, jobTitle: null, department: null, birthday: null, companyId: null, company: null, ownerId: null, owner: null,
  teamId: null, tags: [], lifecycleStage: 'lead', source: null, externalId: null,
  consent: { email: unknown, sms: unknown, call: unknown }, custom: {}, masked: [], version: 1,
  createdAt: '', updatedAt: '', deletedAt: null, ...over,
});

describe('merge choices', () => {
  it("defaults to the survivor's value, or the other side's when the survivor's is empty", () => {
    const a = contact({ id: 'a', givenName: 'An', jobTitle: null, social: { zalo: null } });
    const b = contact({ id: 'b', givenName: 'Ann', jobTitle: 'CEO', social: { zalo: '0903' } });
    const c = defaultChoices(a, b, 'a');
    expect(c.givenName).toBe('a');
    expect(c.jobTitle).toBe('b');
    expect(c.social).toBe('b');
    expect(c.lifecycleStage).toBe('a');
    const d = defaultChoices(a, b, 'b');
    expect(d.givenName).toBe('b');
    expect(d.jobTitle).toBe('b');
  });

  it('maps sides to survivor/merged for the server', () => {
    const a = contact({ id: 'a' });
    const b = contact({ id: 'b', jobTitle: 'CEO' });
    const choices = defaultChoices(a, b, 'a');
    expect(toServerChoices(choices, 'a').jobTitle).toBe('merged');
    expect(toServerChoices(choices, 'a').givenName).toBe('survivor');
    expect(toServerChoices({ ...choices, givenName: 'a' }, 'b').givenName).toBe('merged');
  });

  it('compares and prints values', () => {
    expect(isEmptyValue({ a: null, b: '' })).toBe(true);
    expect(isEmptyValue([])).toBe(true);
    expect(isEmptyValue(0)).toBe(false);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue('x', 'y')).toBe(false);
    expect(objectText({ linkedin: 'in/an', zalo: null })).toBe('linkedin: in/an');
  });
});

describe('recycle bin', () => {
  it('counts whole days until purge, never below zero', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(daysUntilPurge('2026-11-24T12:00:00Z', 30, now)).toBe(30);
    expect(daysUntilPurge('2026-11-20T00:00:00Z', 30, now)).toBe(26);
    expect(daysUntilPurge('2026-01-01T00:00:00Z', 30, now)).toBe(0);
  });
  it('prints scores as percentages', () => {
    expect(scorePercent(0.98)).toBe('98%');
    expect([scoreColor(0.993), scoreColor(0.75), scoreColor(0.5)]).toEqual(['red', 'orange', 'yellow']);
    expect(duplicatesTab('companies', true)).toBe('companies');
    expect(duplicatesTab('companies', false)).toBe('people');
    expect(duplicatesTab(null, true)).toBe('people');
  });
});
