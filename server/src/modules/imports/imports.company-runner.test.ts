/** Codes and params of the cells a company row leaves out after cleaning (warnings): custom fields and owners. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/principal.js';
import { fallbackNormalisePhone, fold } from './engine/clean.js';
import { compileCompanyMapping } from './engine/company-transform.js';
import type { CustomFieldDef } from './imports.gateway.js';
import { prepareCompanyRow, type CompanyRunContext, type Owners } from './imports.company-runner.js';
import type { OwnerCandidate } from './imports.company-repository.js';

const me: Principal = {
  kind: 'user', userId: 'u-me', email: 'me@kith.test', name: 'Me', locale: 'vi', roleId: 'r', isAdmin: false, teamId: 't1', teamIds: ['t1'],
  permissions: { companies: { actions: ['read', 'create'], scope: 'own' } }, maxClassification: 'restricted',
};
const users: OwnerCandidate[] = [
  { id: 'u-me', email: 'me@kith.test', name: 'Me', team_id: 't1' },
  { id: 'u-lan', email: 'lan@kith.test', name: 'Lan Nguyễn', team_id: 't2' },
  { id: 'u-an1', email: 'an1@kith.test', name: 'An', team_id: 't1' },
  { id: 'u-an2', email: 'an2@kith.test', name: 'An', team_id: 't1' },
];
const owners: Owners = { byEmail: new Map(users.map((u) => [u.email, u])), byName: new Map() };
for (const u of users) owners.byName.set(fold(u.name), [...(owners.byName.get(fold(u.name)) ?? []), u]); // as loadOwners does
const def = { key: 'staff', type: 'number', options: [] } as unknown as CustomFieldDef;
const ctx: CompanyRunContext = {
  p: me, owners, matchKeys: ['domain', 'name'], defs: new Map([['staff', def]]),
  cm: compileCompanyMapping(['Name', 'Owner', 'Staff', 'Tier'], { Name: 'name', Owner: 'owner', Staff: 'custom.staff', Tier: 'custom.tier' }, 'VN', fallbackNormalisePhone),
};
const issues = (values: string[]) => {
  const r = prepareCompanyRow({ rowNumber: 2, values }, ctx);
  if (r.kind !== 'ok') throw new Error(`row ${r.kind}`);
  expect(r.prepared.owner).toBeNull(); // an owner the row cannot use is left out: the importer's, or unchanged
  return r.prepared.warnings.map((w) => w.issue);
};

describe('company rows keep the company and warn about cells left out after cleaning', () => {
  it.each([
    [['Acme', 'nobody@kith.test', '', ''], 'owner_email_not_found', { column: 'Owner', value: 'nobody@kith.test' }, 'Owner: no active user with the email "nobody@kith.test"'],
    [['Acme', 'Bình', '', ''], 'owner_not_found', { column: 'Owner', value: 'Bình' }, 'Owner: no active user named "Bình"'],
    [['Acme', 'An', '', ''], 'owner_ambiguous', { column: 'Owner', value: 'An' }, 'Owner: "An" is the name of several users; use their email'],
    [['Acme', '', '', 'gold'], 'unknown_custom_field', { column: 'custom.tier' }, 'custom.tier: no such custom field'],
    [['Acme', '', 'many', ''], 'invalid_custom_value', { column: 'custom.staff', value: 'many', type: 'number' }, 'custom.staff: expected a number'],
  ])('%j → %s', (values, code, params, message) => expect(issues(values)).toEqual([{ code, params, message }]));

  it('an owner the importer may see is accepted', () => {
    expect(prepareCompanyRow({ rowNumber: 2, values: ['Acme', 'me@kith.test', '12', ''] }, ctx)).toMatchObject({ kind: 'ok', prepared: { owner: { id: 'u-me' }, custom: { staff: 12 }, warnings: [] } });
    expect(prepareCompanyRow({ rowNumber: 3, values: ['', 'me@kith.test', '', ''] }, ctx)).toMatchObject({ kind: 'failed', errors: [{ code: 'company_needs_name' }] });
  });

  it('an owner outside the importer\'s scope is a refusal: the row fails, listing the cells it could not use', () => {
    expect(prepareCompanyRow({ rowNumber: 2, values: ['Acme', 'lan@kith.test', 'many', ''] }, ctx)).toEqual({
      kind: 'failed',
      errors: [
        { code: 'owner_outside_visibility', params: { column: 'Owner', value: 'lan@kith.test' }, message: 'Owner: "lan@kith.test" lies outside your visibility scope' },
        { code: 'invalid_custom_value', params: { column: 'custom.staff', value: 'many', type: 'number' }, message: 'custom.staff: expected a number' },
      ],
    });
  });
});
