/**
 * Everything this module needs from the contacts module, in one place: normalisation, row building
 * (display name, search text), custom-field checks, stages, and the bulk repository calls.
 */
import type { Executor } from '../../platform/db/db.js';
import type { Principal } from '../../platform/auth/principal.js';
import {
  cleanTags, companySearchText, contactsBulkRepository, getLifecycleStages, listCustomFields as listDefs, normalisePhone, normaliseText,
  contactDerived, withOnePrimary, type ContactRow, type ContactValues, type CompanyValues, type CustomFieldDef,
} from '../contacts/index.js';
import { fallbackNormalisePhone, type PhoneResult } from './engine/clean.js';
import type { ImportedContact } from './engine/transform.js';

export type { ContactRow, ContactValues, CustomFieldDef };
export { listDefs, contactsBulkRepository as bulk };

/**
 * The contacts module's phone normalisation, plus one import-specific repair: a national number written
 * with its country code but no plus ('84912345678') is retried as '+84912345678'.
 */
export function importPhone(raw: string, region: string): PhoneResult {
  const first = normalisePhone(raw, region);
  if (first.valid && first.e164) return { e164: first.e164, valid: true };
  const repaired = fallbackNormalisePhone(raw, region);
  return repaired.valid ? repaired : { e164: raw, valid: false };
}

export async function stageValues(db: Executor): Promise<Set<string>> {
  return new Set((await getLifecycleStages(db)).map((s) => s.value));
}

const EMPTY_CONSENT = JSON.stringify({
  email: { status: 'unknown', at: null, source: null }, sms: { status: 'unknown', at: null, source: null }, call: { status: 'unknown', at: null, source: null },
});

/** Derived columns (display name, sort key, primary email/phone, search text): the contacts module's one helper. */
export function derived(v: Pick<ContactValues, 'given_name' | 'family_name' | 'name_order' | 'addresses' | 'emails' | 'phones'>) {
  return contactDerived(v, JSON.parse(v.emails) as { address: string; primary: boolean }[], JSON.parse(v.phones) as { number: string; primary: boolean }[]);
}

/** A new contact row from a cleaned import row; owner = the importing user, team = their team. */
export function newContactRow(
  id: string, c: ImportedContact, custom: Record<string, unknown>, company: { id: string; name: string } | null, p: Principal, now: string,
): ContactValues {
  const emails = withOnePrimary(c.emails);
  const phones = withOnePrimary(c.phones);
  const base = { given_name: c.givenName, family_name: c.familyName, name_order: null, addresses: JSON.stringify(c.addresses), emails: JSON.stringify(emails), phones: JSON.stringify(phones) };
  return {
    id, ...base, ...contactDerived(base, emails, phones), pronoun: null,
    social: JSON.stringify(c.social), job_title: c.jobTitle, department: c.department,
    birthday: c.birthday, company_id: company?.id ?? null, owner_id: p.userId, team_id: p.teamId,
    tags: JSON.stringify(cleanTags(c.tags)), lifecycle_stage: c.lifecycleStage ?? 'lead', source: c.source ?? 'import',
    external_id: c.externalId, consent: EMPTY_CONSENT, custom: JSON.stringify(custom),
    created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId, deleted_at: null, erased_at: null,
  };
}

/** A new company row for a company name met in an import. */
export function newCompanyRow(id: string, name: string, p: Principal, now: string): CompanyValues {
  return {
    id, name, name_key: normaliseText(name), domain: null, industry: null, size: null, phones: '[]', addresses: '[]', parent_id: null,
    owner_id: p.userId, team_id: p.teamId, tags: '[]', custom: '{}', search_text: companySearchText({ name, domain: null, phones: [] }),
    created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId, deleted_at: null,
  };
}
