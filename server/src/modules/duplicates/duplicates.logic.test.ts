import { describe, expect, it } from 'vitest';
import { levenshtein, NAME_THRESHOLD, nameKey, nameSimilarity, PairSet, scoreOf, trigramSimilarity } from './duplicates.logic.js';
import { computeMerge, type MergeRow } from './merge.logic.js';

describe('name similarity', () => {
  it('normalises accents, đ and word order', () => {
    expect(nameKey('Văn An', 'Nguyễn')).toBe('an nguyen van');
    expect(nameKey('An', 'Nguyen Van')).toBe(nameKey('Nguyễn Văn', 'An'));
    expect(nameKey('Đặng', null)).toBe('dang');
  });
  it.each([
    ['an nguyen van', 'an nguyen van', true],
    ['an nguyen van', 'anh nguyen van', true],
    ['jonathan smith', 'jonathon smith', true],
    ['an nguyen van', 'binh tran', false],
    ['le lan', 'le long', false],
  ])('%s ~ %s → %s', (a, b, similar) => expect(nameSimilarity(a, b) >= NAME_THRESHOLD).toBe(similar));
  it('computes edit distance and trigram similarity like pg_trgm', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(trigramSimilarity('word', 'word')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
  });
});

describe('scores and pairs', () => {
  it('combines reasons as independent evidence', () => {
    expect(scoreOf(['email'])).toBe(0.9);
    expect(scoreOf(['email', 'phone'])).toBe(0.98);
    expect(scoreOf(['name_company'], 0.8)).toBe(0.48);
    expect(scoreOf(['email', 'phone'])).toBeGreaterThan(scoreOf(['email']));
  });
  it('keeps one unordered pair with every reason; caps big groups', () => {
    const s = new PairSet();
    s.add('b', 'a', 'email');
    s.add('a', 'b', 'phone');
    s.add('a', 'a', 'email');
    expect([...s.pairs.values()]).toEqual([{ a: 'a', b: 'b', reasons: new Set(['email', 'phone']), nameSim: 0 }]);
    const g = new PairSet();
    g.addGroup(Array.from({ length: 200 }, (_, i) => `c${i}`), 'email', 10);
    expect(g.pairs.size).toBe(45);
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
