/**
 * Duplicate contacts and companies: the check a form calls while typing, the lists of candidate pairs with a score
 * (computed in the background as records change, never on request), dismissing a pair, and merging two contacts
 * (preview first) with a field-by-field choice. All routes live under /api/v1. Bodies are strict.
 */
import { z } from 'zod';
import { idSchema, isoDateTime, pageOf, pageQuery } from './common.js';
import { addressEntry, socialSchema } from './contacts.js';

/**
 * Why two contacts look alike: same normalised email, same E.164 phone, the same name (diacritics, a typo, a middle
 * name or the field order aside), the same name at the same company.
 */
export const duplicateReason = z.enum(['email', 'phone', 'name', 'name_company']);
export type DuplicateReason = z.infer<typeof duplicateReason>;

/** A contact as shown beside a duplicate warning. */
export const duplicateContact = z.object({
  id: idSchema,
  displayName: z.string(),
  primaryEmail: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  companyId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
  updatedAt: isoDateTime,
});

/** GET /contacts/duplicates-check: what the contact form sends while the user types (any subset). */
export const duplicateCheckQuery = z.object({
  email: z.string().trim().max(254).optional(),
  /** Any format; normalised to E.164 with the workspace region. */
  phone: z.string().trim().max(40).optional(),
  /** Full name as typed (either order). */
  name: z.string().trim().max(400).optional(),
  companyId: idSchema.optional(),
  /** The contact being edited, left out of the answer. */
  excludeId: idSchema.optional(),
});
export const duplicateCandidate = z.object({
  contact: duplicateContact,
  score: z.number(),
  reasons: z.array(duplicateReason),
});
export const duplicateCheckResponse = z.object({ data: z.array(duplicateCandidate) });

/** GET /duplicates?entity=contact: open candidate pairs, highest score first. */
export const duplicateListQuery = pageQuery.extend({ entity: z.enum(['contact']).default('contact') });
/** GET /duplicates/companies: open company pairs, highest score first. */
export const companyDuplicateListQuery = pageQuery;
export const duplicatePair = z.object({
  id: idSchema,
  a: duplicateContact,
  b: duplicateContact,
  score: z.number(),
  reasons: z.array(duplicateReason),
  computedAt: isoDateTime,
});
export const duplicatePage = pageOf(duplicatePair);

/** Why two companies look alike: same web domain, same name apart from legal form (Công ty TNHH, Co., Ltd), same phone. */
export const companyDuplicateReason = z.enum(['domain', 'company_name', 'phone']);
/** A company as shown in a duplicate pair. */
export const duplicateCompany = z.object({
  id: idSchema,
  name: z.string(),
  domain: z.string().nullable(),
  /** E.164. */
  primaryPhone: z.string().nullable(),
  ownerId: idSchema.nullable(),
  updatedAt: isoDateTime,
});
export const companyDuplicatePair = z.object({
  id: idSchema,
  a: duplicateCompany,
  b: duplicateCompany,
  score: z.number(),
  reasons: z.array(companyDuplicateReason),
  computedAt: isoDateTime,
});
export const companyDuplicatePage = pageOf(companyDuplicatePair);

/** POST /duplicates/scan: rescan every contact and company now (also runs nightly; changes are picked up as they happen). */
export const scanResponse = z.object({ pairs: z.number().int(), tookMs: z.number().int() });
/** POST /duplicates/dismiss: "these two are different"; the pair stays hidden across refreshes and rescans. */
export const dismissBody = z.strictObject({ entity: z.enum(['contact', 'company']).default('contact'), aId: idSchema, bId: idSchema });

/** Fields where the merge takes one side's value (default: the survivor's, or the merged one's when the survivor's is empty). */
export const mergeChoiceFields = [
  'givenName', 'familyName', 'jobTitle', 'department', 'birthday', 'companyId', 'ownerId', 'lifecycleStage', 'source',
  'externalId', 'social', 'custom', 'consent',
] as const;
export const mergeChoiceField = z.enum(mergeChoiceFields);
export const mergeBody = z.strictObject({
  /** The contact that stays. */
  survivorId: idSchema,
  /** The contact merged into it (soft-deleted with mergedInto = survivorId). */
  mergedId: idSchema,
  /** Per field: which side's value wins. Emails, phones, addresses and tags are always the union. */
  choices: z.partialRecord(mergeChoiceField, z.enum(['survivor', 'merged'])).default({}),
});
export type MergeBody = z.infer<typeof mergeBody>;

const consentState = z.object({ status: z.string(), at: z.string().nullable(), source: z.string().nullable() });
/** The survivor as it will be (preview) or is (after the merge). */
export const mergedRecord = z.object({
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  emails: z.array(z.object({ address: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  phones: z.array(z.object({ number: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  addresses: z.array(addressEntry),
  social: socialSchema,
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  birthday: z.string().nullable(),
  companyId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  tags: z.array(z.string()),
  lifecycleStage: z.string(),
  source: z.string().nullable(),
  externalId: z.string().nullable(),
  consent: z.record(z.string(), consentState),
  custom: z.record(z.string(), z.unknown()),
});
export type MergedRecord = z.infer<typeof mergedRecord>;
export const mergeResponse = z.object({
  survivorId: idSchema,
  mergedId: idSchema,
  record: mergedRecord,
  /** Rows that move (preview) or moved (merge) to the survivor, per table. */
  moved: z.record(z.string(), z.number().int()),
});
