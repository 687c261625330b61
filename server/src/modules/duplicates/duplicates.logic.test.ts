import { describe, expect, it } from 'vitest';
import { pairKey } from './duplicates.logic.js';
import { computeMerge, type MergeRow } from './merge.logic.js';

describe('pairKey', () => {
  it('orders a pair by id', () => {
    expect(pairKey('b', 'a')).toEqual(['a', 'b']);
    expect(pairKey('a', 'b')).toEqual(['a', 'b']);
  });
});

const row = (o: Partial<MergeRow>): MergeRow => ({
  given_name: null, family_name: null, emails: '[]', phones: '[]', addresses: '[]', social: '{}', job_title: null, department: null,
  birthday: null, company_id: null, owner_id: null, team_id: null, tags: '[]', lifecycle_stage: 'lead', source: null, external_id: null,
  consent: '{}', custom: '{}', ...o,
});

describe('computeMerge', () => {
  const s = row({
    given_name: 'An', family_name: 'Nguyen', job_title: null, owner_id: 'u1', team_id: 't1', tags: '["vip"]', custom: '{"size":"L"}',
    emails: JSON.stringify([{ address: 'an@x.test', label: 'work', primary: true }]), social: '{"linkedin":"in/an"}',
    consent: JSON.stringify({ email: { status: 'granted', at: '2026-01-01T00:00:00.000Z', source: 'form' } }),
  });
  const m = row({
    given_name: 'Van An', family_name: 'Nguyen', job_title: 'Buyer', owner_id: 'u2', team_id: 't2', tags: '["vip","new"]', custom: '{"size":"M","tier":"gold"}',
    emails: JSON.stringify([{ address: 'AN@x.test', primary: true }, { address: 'an@home.test', primary: false }]), social: '{"zalo":"0903"}',
    consent: JSON.stringify({ email: { status: 'denied', at: '2026-05-01T00:00:00.000Z', source: 'unsubscribe' } }),
  });
  it('keeps the survivor by default, fills its gaps, unions lists, and keeps the latest consent', () => {
    const r = computeMerge(s, m, {});
    expect(r).toMatchObject({ givenName: 'An', jobTitle: 'Buyer', ownerId: 'u1', teamId: 't1', tags: ['vip', 'new'], custom: { size: 'L', tier: 'gold' }, social: { linkedin: 'in/an', zalo: '0903' } });
    expect(r.emails).toEqual([{ address: 'an@x.test', label: 'work', primary: true }, { address: 'an@home.test', label: null, primary: false }]);
    expect(r.consent.email!.status).toBe('denied');
  });
  it('applies choices per field; the owner brings their team', () => {
    const r = computeMerge(s, m, { givenName: 'merged', ownerId: 'merged', custom: 'merged', consent: 'survivor' });
    expect(r).toMatchObject({ givenName: 'Van An', ownerId: 'u2', teamId: 't2', custom: { size: 'M', tier: 'gold' } });
    expect(r.consent.email!.status).toBe('granted');
  });
});
