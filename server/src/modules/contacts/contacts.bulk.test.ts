import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/principal.js';
import { presentForExport } from './contacts.bulk.js';
import { presentContact } from './contacts.presenter.js';
import type { ContactView } from './contacts.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';

const principal = (over: Partial<Principal>): Principal => ({
  kind: 'user', userId: 'u1', email: 'a@b.vn', name: 'A', locale: 'en', roleId: 'r', isAdmin: false, teamId: null, teamIds: [],
  permissions: {}, maxClassification: 'internal', ...over,
});
const def = (key: string, classification: CustomFieldDef['classification']): CustomFieldDef => ({
  id: key, entity: 'contact', key, type: 'text', label: { en: key, vi: key }, options: [], required: false, default: null, classification,
  relationEntity: null, currency: null, position: 0, version: 1, createdAt: '', updatedAt: '',
});
const defs = [def('cf_size', 'public'), def('cf_salary', 'restricted'), def('cf_missing', 'internal')];

function view(over: Partial<ContactView>): ContactView {
  return {
    id: 'c1', given_name: 'Văn An', family_name: 'Nguyễn', display_name: 'Văn An Nguyễn', name_key: 'van an nguyen', primary_email: 'an@x.vn',
    primary_phone: '+84912345678', emails: JSON.stringify([{ address: 'an@x.vn', label: 'work', primary: true }, { address: 'b@x.vn' }]),
    phones: JSON.stringify([{ number: '+84912345678', raw: '0912 345 678', label: null, primary: true }, { number: '+84281234567', raw: 'x', primary: false }]),
    addresses: JSON.stringify([{ label: 'home', street: '1 Lê Lợi', city: 'Huế', region: null, postalCode: null, country: 'VN' }]),
    social: JSON.stringify({ website: 'https://an.vn', zalo: '0912' }), job_title: 'CEO', department: null, birthday: '1990-03-15',
    company_id: 'co1', owner_id: 'u1', team_id: null, tags: JSON.stringify(['vip', 'hn']), lifecycle_stage: 'lead', source: 'import',
    external_id: 'x-1', consent: '{}', custom: JSON.stringify({ cf_size: 'L', cf_salary: 1000, cf_gone: 'x' }), search_text: '', version: 3,
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', created_by: null, updated_by: null, deleted_at: null,
    erased_at: null, merged_into: null, owner_name: 'Owner', company_name: 'Công ty A', company_owner_id: 'u1', company_team_id: null, ...over,
  } as ContactView;
}

/** The exported fields of presentContact's output. */
function exported(c: ReturnType<typeof presentContact>) {
  return {
    id: c.id, givenName: c.givenName, familyName: c.familyName, displayName: c.displayName, effectiveNameOrder: c.effectiveNameOrder,
    emails: c.emails, phones: c.phones.map(({ raw: _raw, ...rest }) => rest), addresses: c.addresses, social: c.social, jobTitle: c.jobTitle,
    department: c.department, birthday: c.birthday, company: c.company, owner: c.owner, tags: c.tags, lifecycleStage: c.lifecycleStage,
    source: c.source, externalId: c.externalId, custom: c.custom,
  };
}

describe('presentForExport', () => {
  it.each([
    // ExportNames has already left out names of companies the reader may not see; this one is the reader's own.
    ['a reader of internal fields, English', principal({ permissions: { companies: { actions: ['read'], scope: 'own' } } })],
    ['an administrator, Vietnamese', principal({ isAdmin: true, locale: 'vi' })],
  ])('gives presentContact\'s values for every exported field (%s)', (_name, p) => {
    for (const r of [view({}), view({ given_name: null, family_name: null, company_id: null, company_name: null, owner_id: null, owner_name: null, social: '{}', custom: '{}' })]) {
      expect(presentForExport(r, p, defs)).toEqual(exported(presentContact(r, p, defs)));
    }
  });
  it('masks custom fields above the reader\'s level', () => {
    expect(presentForExport(view({}), principal({}), defs).custom).toEqual({ cf_size: 'L', cf_salary: null, cf_missing: null });
  });
});
