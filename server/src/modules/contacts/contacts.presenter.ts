/** Stored rows → wire shapes. Every outgoing field is listed; custom fields above the reader's level are masked. */
import type { Company, Contact } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import { localeDisplayName } from './contacts.logic.js';
import { canSeeField } from './contacts.policy.js';
import type { ContactView } from './contacts.repository.js';
import type { CompanyView } from './companies.repository.js';
import type { CustomFieldDef } from './custom-fields.logic.js';

const CONSENT_DEFAULT = { status: 'unknown' as const, at: null, source: null };

/** Only defined fields leave the server; hidden ones are null and listed in `masked`. */
export function presentCustom(raw: string, defs: CustomFieldDef[], p: Principal): { custom: Record<string, unknown>; masked: string[] } {
  const stored = JSON.parse(raw) as Record<string, unknown>;
  const custom: Record<string, unknown> = {};
  const masked: string[] = [];
  for (const d of defs) {
    if (!canSeeField(p, d.classification)) {
      custom[d.key] = null;
      masked.push(d.key);
    } else custom[d.key] = stored[d.key] ?? null;
  }
  return { custom, masked };
}

export function presentContact(r: ContactView, p: Principal, defs: CustomFieldDef[]): Contact {
  const consent = JSON.parse(r.consent) as Partial<Contact['consent']>;
  const social = JSON.parse(r.social) as Contact['social'];
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: localeDisplayName(p.locale, r.given_name, r.family_name, r.display_name),
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
    company: r.company_id && r.company_name !== null ? { id: r.company_id, name: r.company_name } : null,
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
    parent: r.parent_id && r.parent_name !== null ? { id: r.parent_id, name: r.parent_name } : null,
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
