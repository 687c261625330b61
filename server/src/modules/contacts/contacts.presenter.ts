/**
 * Stored rows → wire shapes. Every outgoing field is listed; custom fields above the reader's level are
 * masked, and a linked company's name is shown only to a reader who may see that company.
 */
import type { Company, Contact } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import { classificationsOf, maskCustom } from '../../platform/records/masking.js';
import { personParts } from './contacts.logic.js';
import { nameOrderOf, type NameOrder, type ViPronoun } from '../../../../contracts/person-names.js';
import { canSeeLinked } from './contacts.policy.js';
import type { ContactView } from './contacts.repository.js';
import type { CompanyView } from './companies.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';

const CONSENT_DEFAULT = { status: 'unknown' as const, at: null, source: null };

/**
 * Only defined fields leave the server; hidden ones are null and listed in `masked`. The masking itself is
 * the platform's one presenter of classified fields (platform/records/masking.ts).
 */
export function presentCustom(raw: string, defs: CustomFieldDef[], p: Principal): { custom: Record<string, unknown>; masked: string[] } {
  return maskCustom(p, raw, classificationsOf(defs), true);
}

/** A linked record's `{ id, name }`, or null when there is none or the reader may not see it (its name would leak). */
function linkedRef(p: Principal, module: 'contacts' | 'companies', id: string | null, name: string | null, owner_id: string | null, team_id: string | null) {
  return id && name !== null && canSeeLinked(p, module, { owner_id, team_id }) ? { id, name } : null;
}

export function presentContact(r: ContactView, p: Principal, defs: CustomFieldDef[]): Contact {
  const consent = JSON.parse(r.consent) as Partial<Contact['consent']>;
  const social = JSON.parse(r.social) as Contact['social'];
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    nameOrder: (r.name_order as NameOrder | null) ?? null,
    effectiveNameOrder: nameOrderOf(personParts(r)),
    pronoun: (r.pronoun as ViPronoun | null) ?? null,
    displayName: r.display_name,
    emails: (JSON.parse(r.emails) as Contact['emails']).map((e) => ({ address: e.address, label: e.label ?? null, primary: !!e.primary })),
    phones: (JSON.parse(r.phones) as Contact['phones']).map((x) => ({ number: x.number, raw: x.raw, label: x.label ?? null, primary: !!x.primary })),
    addresses: JSON.parse(r.addresses),
    social: {
      linkedin: social.linkedin ?? null, facebook: social.facebook ?? null, zalo: social.zalo ?? null, x: social.x ?? null, website: social.website ?? null,
    },
    jobTitle: r.job_title,
    department: r.department,
    birthday: r.birthday,
    companyId: r.company_id,
    company: linkedRef(p, 'companies', r.company_id, r.company_name, r.company_owner_id, r.company_team_id),
    ownerId: r.owner_id,
    owner: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    teamId: r.team_id,
    tags: JSON.parse(r.tags),
    lifecycleStage: r.lifecycle_stage,
    source: r.source,
    externalId: r.external_id,
    consent: { email: consent.email ?? CONSENT_DEFAULT, sms: consent.sms ?? CONSENT_DEFAULT, call: consent.call ?? CONSENT_DEFAULT },
    ...presentCustom(r.custom, defs, p),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export function presentCompany(r: CompanyView, p: Principal, defs: CustomFieldDef[]): Company {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    industry: r.industry,
    size: r.size,
    phones: (JSON.parse(r.phones) as Company['phones']).map((x) => ({ number: x.number, raw: x.raw, label: x.label ?? null, primary: !!x.primary })),
    addresses: JSON.parse(r.addresses),
    parentId: r.parent_id,
    parent: linkedRef(p, 'companies', r.parent_id, r.parent_name, r.parent_owner_id, r.parent_team_id),
    ownerId: r.owner_id,
    owner: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    teamId: r.team_id,
    tags: JSON.parse(r.tags),
    ...presentCustom(r.custom, defs, p),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}
