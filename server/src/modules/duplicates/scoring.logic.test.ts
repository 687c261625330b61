import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_THRESHOLD, companyKeys, companyNameCore, compareNames, compareToken, editDistance, normaliseDomain, scoreCompanies, scoreContacts,
  type ContactFacts,
} from './scoring.logic.js';

const person = (givenName: string | null, familyName: string | null, o: Partial<ContactFacts> = {}): ContactFacts =>
  ({ givenName, familyName, emails: [], phones: [], companyId: null, ...o });

describe('names', () => {
  it.each([
    ['Lê', 'Lý', 'differ'], ['An', 'Anh', 'differ'], ['Lan', 'Lân', 'folded'], ['Lân', 'Lận', 'conflict'], ['Nguyễn', 'Nguyen', 'folded'],
    ['Nguyễn', 'Nguễn', 'typo'], ['jonathan', 'jonathon', 'typo'], ['Hương', 'Hương', 'exact'], ['john', 'jhon', 'typo'],
  ] as const)('%s vs %s → %s', (a, b, level) => expect(compareToken(a.toLowerCase(), b.toLowerCase())).toBe(level));

  it.each([
    [{ givenName: 'Minh', familyName: 'Lê' }, { givenName: 'Minh', familyName: 'Lý' }, 'family_differs'],
    [{ givenName: 'Văn An', familyName: 'Nguyễn' }, { givenName: 'Van An', familyName: 'Nguyen' }, 'folded'],
    [{ givenName: 'Văn An', familyName: 'Nguyễn' }, { givenName: 'Văn Anh', familyName: 'Nguyễn' }, 'given_differs'],
    [{ givenName: 'Văn An', familyName: 'Nguyễn' }, { givenName: 'An', familyName: 'Nguyễn' }, 'partial'],
    [{ givenName: 'An', familyName: 'Nguyễn Văn' }, { givenName: 'Văn An', familyName: 'Nguyễn' }, 'exact'],
    [{ givenName: 'Nguyễn', familyName: 'Văn An' }, { givenName: 'Văn An', familyName: 'Nguyễn' }, 'exact'],
    [{ givenName: 'Nguyen Van An', familyName: null }, { givenName: 'Văn An', familyName: 'Nguyễn' }, 'folded'],
    [{ givenName: 'Bob', familyName: 'Walker' }, { givenName: 'Robert', familyName: 'Walker' }, 'partial'],
    [{ givenName: 'J.', familyName: 'Walker' }, { givenName: 'John', familyName: 'Walker' }, 'partial'],
    [{ givenName: 'Henry', familyName: 'Walker' }, { givenName: null, familyName: null }, 'missing'],
    // Whoever wrote "Nguyễn Văn Lan" typed Vietnamese: Lan is meant, not Lân. Phan and Phạm are two families, not a typo.
    [{ givenName: 'Văn Lan', familyName: 'Nguyễn' }, { givenName: 'Văn Lân', familyName: 'Nguyễn' }, 'conflict'],
    [{ givenName: 'Van Lan', familyName: 'Nguyen' }, { givenName: 'Văn Lân', familyName: 'Nguyễn' }, 'folded'],
    [{ givenName: 'Minh', familyName: 'Phan' }, { givenName: 'Minh', familyName: 'Phạm' }, 'family_differs'],
  ] as const)('%o vs %o → %s', (a, b, level) => expect(compareNames(a, b)).toBe(level));

  it('counts transpositions as one edit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('nguyen', 'ngyuen')).toBe(1);
  });
});

describe('contact scores (issue 14 item 6)', () => {
  it('"Minh Lê" vs "Minh Lý" at one company is no candidate (different family names); the same phone does not make it one', () => {
    expect(scoreContacts(person('Minh', 'Lê', { companyId: 'c1' }), person('Minh', 'Lý', { companyId: 'c1' })).score).toBeLessThan(0.05);
    expect(scoreContacts(person('Minh', 'Lê', { phones: ['+84903123456'] }), person('Minh', 'Lý', { phones: ['+84903123456'] })).score).toBeLessThan(CANDIDATE_THRESHOLD);
  });
  it('the same person typed without diacritics plus the same phone is a confident match', () => {
    const r = scoreContacts(person('Thị Minh Khai', 'Nguyễn', { phones: ['+84903123456'] }), person('Thi Minh Khai', 'Nguyen', { phones: ['+84903123456'] }));
    expect(r.score).toBeGreaterThanOrEqual(0.9);
    expect(r.reasons).toEqual(['phone', 'name']);
  });
  it('a shared email with an unknown name is a candidate; a shared office address between two people is not', () => {
    expect(scoreContacts(person(null, null, { emails: ['an@x.vn'] }), person('An', 'Nguyễn', { emails: ['an@x.vn'] })).score).toBeGreaterThanOrEqual(0.9);
    expect(scoreContacts(person('Lan', 'Trần', { emails: ['info@x.vn'] }), person('Hùng', 'Phạm', { emails: ['info@x.vn'] })).score).toBeLessThan(0.1);
  });
  it('is symmetric and names the reasons', () => {
    const a = person('Văn An', 'Nguyễn', { companyId: 'c1', emails: ['a@x.vn'] });
    const b = person('An', 'Nguyễn Văn', { companyId: 'c1' });
    expect(scoreContacts(a, b)).toEqual(scoreContacts(b, a));
    expect(scoreContacts(a, b).reasons).toEqual(['name_company']);
  });
});

describe('companies', () => {
  it('reduces names and domains to what identifies the company', () => {
    expect(companyNameCore('Công ty TNHH Acme Việt Nam')).toBe('acme');
    expect(companyNameCore('ACME Vietnam Co., Ltd.')).toBe('acme');
    expect(companyNameCore('Công ty Cổ phần Đại Phát')).toBe('dai phat');
    expect(normaliseDomain('https://www.Acme.vn/about')).toBe('acme.vn');
    expect(normaliseDomain('not a domain')).toBeNull();
    expect(companyKeys({ name: 'Acme JSC', domain: 'acme.vn', phones: ['+842838123456'] }).map((k) => k.kind)).toEqual(['domain', 'name', 'phone']);
  });
  it('scores the same company under two spellings high, and two companies sharing a switchboard low', () => {
    const a = { name: 'Công ty TNHH Acme Việt Nam', domain: 'acme.vn', phones: [] };
    expect(scoreCompanies(a, { name: 'ACME Vietnam Co., Ltd', domain: 'www.acme.vn', phones: [] })).toMatchObject({ reasons: ['company_name', 'domain'] });
    expect(scoreCompanies(a, { name: 'ACME Vietnam Co., Ltd', domain: 'www.acme.vn', phones: [] }).score).toBeGreaterThan(0.95);
    expect(scoreCompanies({ name: 'Đại Phát', domain: null, phones: ['+842838123456'] }, { name: 'Minh Long', domain: null, phones: ['+842838123456'] }).score).toBeLessThan(CANDIDATE_THRESHOLD);
  });
});
