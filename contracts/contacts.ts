/**
 * Contacts and companies: records, lists (filters, sort, keyset pages, totals), bulk actions, kanban,
 * global search and lifecycle-stage settings. All routes live under /api/v1. Request bodies are strict:
 * read-only keys (id, version, createdAt, updatedAt, deletedAt) are a 400 naming the key.
 * Optimistic locking: GET returns `ETag: "<version>"`; PATCH with `If-Match` answers 412 when stale.
 */
import { z } from 'zod';
import { idSchema, isoDateTime, localizedText, pageOf, pageQuery } from './common.js';
import { nameOrderSchema, viPronounSchema } from './person-names.js';

// ───────────────────────── shared pieces ─────────────────────────

/** Keys the server owns; sending one in a body is a 400 naming it. */
const readOnly = {
  id: z.never({ error: 'id is read-only' }).optional(),
  version: z.never({ error: 'version is read-only; send If-Match instead' }).optional(),
  createdAt: z.never({ error: 'createdAt is read-only' }).optional(),
  updatedAt: z.never({ error: 'updatedAt is read-only' }).optional(),
  deletedAt: z.never({ error: 'deletedAt is read-only; use DELETE or /restore' }).optional(),
};

/** Default lifecycle stages (the list is a setting: GET/PUT /settings/lifecycle-stages). */
export const defaultLifecycleStages = [
  'subscriber', 'lead', 'marketing_qualified', 'sales_qualified', 'opportunity', 'customer', 'evangelist', 'other',
] as const;
export const stageKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _');

export const emailEntry = z.strictObject({
  /** Validated and stored lowercase. */
  address: z.email().max(254),
  label: z.string().max(40).nullable().optional(),
  /** Exactly one email is primary; the first one when none is marked. */
  primary: z.boolean().optional(),
});
export type EmailEntry = z.infer<typeof emailEntry>;

export const phoneEntry = z.strictObject({
  /** Any format; stored as E.164 using the workspace default region (VN): `0903 123 456` → `+84903123456`. */
  number: z.string().min(1).max(40),
  label: z.string().max(40).nullable().optional(),
  primary: z.boolean().optional(),
});

export const addressEntry = z.strictObject({
  label: z.string().max(40).nullable().optional(),
  street: z.string().max(300).nullable().optional(),
  city: z.string().max(120).nullable().optional(),
  region: z.string().max(120).nullable().optional(),
  postalCode: z.string().max(20).nullable().optional(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. VN').nullable().optional(),
});
export type Address = z.infer<typeof addressEntry>;

export const socialSchema = z.strictObject({
  linkedin: z.string().max(300).nullable().optional(),
  facebook: z.string().max(300).nullable().optional(),
  zalo: z.string().max(300).nullable().optional(),
  x: z.string().max(300).nullable().optional(),
  website: z.string().max(300).nullable().optional(),
});

export const consentChannels = ['email', 'sms', 'call'] as const;
export const consentStatus = z.enum(['granted', 'denied', 'unknown']);
/** A consent change: the server stamps `at`; every change writes a consent_history row with its source. */
export const consentInput = z.strictObject({
  status: consentStatus,
  /** Where the consent came from (web_form, import, phone, api…); defaults to `api`. */
  source: z.string().max(100).optional(),
});
export const consentState = z.object({ status: consentStatus, at: isoDateTime.nullable(), source: z.string().nullable() });
export const consentSchema = z.object({ email: consentState, sms: consentState, call: consentState });

/** Custom field values by key; validated against the definitions (see contracts/custom-fields.ts). */
export const customValues = z.record(z.string(), z.unknown());

const tagsSchema = z.array(z.string().trim().min(1).max(60)).max(100);
const nameRef = z.object({ id: idSchema, name: z.string() });

// ───────────────────────── contacts ─────────────────────────

/** A birthday: a full date `YYYY-MM-DD`, or a month and day `--MM-DD` when the year is unknown (Feb 29 allowed). */
export const birthdaySchema = z.union([
  z.iso.date(),
  z.string().regex(/^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD or --MM-DD').refine((s) => {
    const [m, d] = [Number(s.slice(2, 4)), Number(s.slice(5, 7))];
    return d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  }, 'no such day in that month'),
]);

const contactFields = {
  givenName: z.string().trim().max(200).nullable().optional(),
  familyName: z.string().trim().max(200).nullable().optional(),
  /** The order this person's name is written in; null/absent = detected from the name (contracts/person-names.ts). */
  nameOrder: nameOrderSchema.nullable().optional(),
  /** Vietnamese form of address used in greetings ("Chào chị Lan"); null = the name alone. */
  pronoun: viPronounSchema.nullable().optional(),
  emails: z.array(emailEntry).max(20).optional(),
  phones: z.array(phoneEntry).max(20).optional(),
  addresses: z.array(addressEntry).max(10).optional(),
  social: socialSchema.optional(),
  jobTitle: z.string().max(200).nullable().optional(),
  department: z.string().max(200).nullable().optional(),
  /** YYYY-MM-DD, or a month and day without a year, --MM-DD (vCard 4 / ISO 8601 truncated form, e.g. `--07-21`). */
  birthday: birthdaySchema.nullable().optional(),
  companyId: idSchema.nullable().optional(),
  /** Defaults to the creator; assigning another owner needs a scope that still sees the record. */
  ownerId: idSchema.nullable().optional(),
  /** Defaults to the owner's team. */
  teamId: idSchema.nullable().optional(),
  tags: tagsSchema.optional(),
  /** One of the configured lifecycle stages; default `lead`. */
  lifecycleStage: stageKey.optional(),
  source: z.string().max(100).nullable().optional(),
  externalId: z.string().max(200).nullable().optional(),
  consent: z.strictObject({ email: consentInput.optional(), sms: consentInput.optional(), call: consentInput.optional() }).optional(),
  custom: customValues.optional(),
};

/** POST /contacts body (also what import and other modules pass to contactsService.create). */
export const contactInput = z.strictObject({ ...contactFields, ...readOnly });
export type ContactInput = z.infer<typeof contactInput>;
/** PATCH /contacts/{id} body: any subset; `custom` keys are merged (null clears one). */
export const contactPatch = z.strictObject({ ...contactFields, ...readOnly });
export type ContactPatch = z.infer<typeof contactPatch>;

export const contactSchema = z.object({
  id: idSchema,
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  /** The user's name-order override, or null when the order is detected from the name. */
  nameOrder: nameOrderSchema.nullable(),
  /** The order the name is shown in (the override, else detected): the same in every interface language. */
  effectiveNameOrder: nameOrderSchema,
  /** Vietnamese form of address, or null. */
  pronoun: viPronounSchema.nullable(),
  /** The name in its own order (family first for Vietnamese, Chinese, Korean… names), whatever the viewer's language. */
  displayName: z.string(),
  emails: z.array(z.object({ address: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  phones: z.array(z.object({ number: z.string(), raw: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  addresses: z.array(addressEntry),
  social: socialSchema,
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  birthday: z.string().nullable(),
  companyId: idSchema.nullable(),
  company: nameRef.nullable(),
  ownerId: idSchema.nullable(),
  owner: nameRef.nullable(),
  teamId: idSchema.nullable(),
  tags: z.array(z.string()),
  lifecycleStage: z.string(),
  source: z.string().nullable(),
  externalId: z.string().nullable(),
  consent: consentSchema,
  custom: customValues,
  /** Custom field keys hidden by classification (their value is null). */
  masked: z.array(z.string()),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deletedAt: isoDateTime.nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

// ───────────────────────── companies ─────────────────────────

const companyFields = {
  name: z.string().trim().min(1).max(300),
  domain: z.string().trim().toLowerCase().max(253).nullable().optional(),
  industry: z.string().max(120).nullable().optional(),
  /** Head-count band, e.g. `1-10`, `11-50`, `51-200`, `201-1000`, `1000+`. */
  size: z.string().max(40).nullable().optional(),
  phones: z.array(phoneEntry).max(20).optional(),
  addresses: z.array(addressEntry).max(10).optional(),
  parentId: idSchema.nullable().optional(),
  ownerId: idSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  tags: tagsSchema.optional(),
  custom: customValues.optional(),
};
export const companyInput = z.strictObject({ ...companyFields, ...readOnly });
export type CompanyInput = z.infer<typeof companyInput>;
export const companyPatch = z.strictObject({ ...companyFields, name: companyFields.name.optional(), ...readOnly });
export type CompanyPatch = z.infer<typeof companyPatch>;

export const companySchema = z.object({
  id: idSchema,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), raw: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  addresses: z.array(addressEntry),
  parentId: idSchema.nullable(),
  parent: nameRef.nullable(),
  ownerId: idSchema.nullable(),
  owner: nameRef.nullable(),
  teamId: idSchema.nullable(),
  tags: z.array(z.string()),
  custom: customValues,
  masked: z.array(z.string()),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deletedAt: isoDateTime.nullable(),
});
export type Company = z.infer<typeof companySchema>;

// ───────────────────────── lists ─────────────────────────

export const filterOps = [
  'is', 'is_not', 'contains', 'starts_with', 'in', 'before', 'after', 'between', 'empty', 'not_empty',
] as const;
export const filterOp = z.enum(filterOps);
export type FilterOp = z.infer<typeof filterOp>;
/**
 * One condition. `field` is a list field (see contactFilterFields) or `custom.<key>`.
 * `value`: a scalar for is/is_not/contains/starts_with/before/after, an array for in, [from, to] for between,
 * absent for empty/not_empty.
 */
export const filterCondition = z.strictObject({ field: z.string().min(1).max(80), op: filterOp, value: z.unknown().optional() });
export type FilterCondition = z.infer<typeof filterCondition>;
export const filterList = z.array(filterCondition).max(30);

/** Fields of a contact a filter or sort may name (besides `custom.<key>`). `name`: the name's sort key (personSortKey). */
export const contactFilterFields = [
  'name', 'givenName', 'familyName', 'displayName', 'email', 'phone', 'jobTitle', 'department', 'birthday', 'companyId',
  'companyName', 'ownerId', 'teamId', 'tags', 'lifecycleStage', 'source', 'externalId', 'createdAt', 'updatedAt',
] as const;
export const companyFilterFields = [
  'name', 'domain', 'industry', 'size', 'phone', 'parentId', 'ownerId', 'teamId', 'tags', 'createdAt', 'updatedAt',
] as const;

/** What selects the rows of a list (shared by the list and its count). */
const listFilters = {
  /** JSON array of {field, op, value}, e.g. `[{"field":"lifecycleStage","op":"in","value":["lead","customer"]}]`. */
  filter: z.string().max(8000).optional(),
  /** Search text (same matching as /search). */
  q: z.string().max(200).optional(),
  ownerId: idSchema.optional(),
  tag: z.string().max(60).optional(),
};
const listQueryBase = pageQuery.extend({
  /** Comma-separated fields, `-` for descending: `familyName,-createdAt`. Always tie-broken by id. Default `-updatedAt`. */
  sort: z.string().max(300).optional(),
  ...listFilters,
  /**
   * Whether the page carries the capped total: by default the first page does and later pages do not;
   * `false` skips it (the web app sends `false` and asks `/count` in parallel, so a page never waits
   * for a count), `true` counts on any page.
   */
  total: z.enum(['true', 'false']).optional(),
});
const contactFilters = { stage: stageKey.optional(), companyId: idSchema.optional() };
export const contactListQuery = listQueryBase.extend(contactFilters);
export type ContactListQuery = z.infer<typeof contactListQuery>;
export const companyListQuery = listQueryBase;
export type CompanyListQuery = z.infer<typeof companyListQuery>;
/** GET /contacts/count, /companies/count: the list's filters (no sort or paging), counted up to TOTAL_CAP. */
export const contactCountQuery = z.object({ ...listFilters, ...contactFilters });
export type ContactCountQuery = z.infer<typeof contactCountQuery>;
export const companyCountQuery = z.object(listFilters);
export type CompanyCountQuery = z.infer<typeof companyCountQuery>;

/** Totals are exact up to 10,000; beyond that `total` is 10000 and `totalCapped` true (show "10,000+"). */
export const TOTAL_CAP = 10_000;
const totals = { total: z.number().int().optional(), totalCapped: z.boolean().optional() };
export const contactPage = pageOf(contactSchema).extend(totals);
export const companyPage = pageOf(companySchema).extend(totals);
/** A list's capped total: exact up to 10,000, then `total` 10000 with `totalCapped` true. */
export const listCount = z.object({ total: z.number().int(), totalCapped: z.boolean() });
export type ListCount = z.infer<typeof listCount>;
export const recycleBinQuery = pageQuery;

// ───────────────────────── bulk, kanban ─────────────────────────

export const bulkActions = ['assign_owner', 'add_tag', 'remove_tag', 'set_stage', 'delete'] as const;
/**
 * POST /contacts/bulk: either `ids` or `filter` (JSON list as in the list query), at most 10,000 rows,
 * in one transaction. An id that does not exist or lies outside the caller's scope fails the whole
 * request (404 naming `ids.N`) and nothing changes.
 */
export const bulkBody = z
  .strictObject({
    ids: z.array(idSchema).min(1).max(10_000).optional(),
    filter: filterList.optional(),
    action: z.enum(bulkActions),
    /** Owner id, tag or stage; absent for delete. */
    value: z.string().max(200).optional(),
  })
  .refine((b) => (b.ids ? !b.filter : !!b.filter), { message: 'send either ids or filter', path: ['ids'] })
  .refine((b) => b.action === 'delete' || (b.value !== undefined && b.value !== ''), { message: 'required for this action', path: ['value'] });
export type BulkBody = z.infer<typeof bulkBody>;
export const bulkResponse = z.object({ updated: z.number().int() });

export const KANBAN_CARDS = 20;
export const kanbanQuery = z.object({ filter: z.string().max(8000).optional(), q: z.string().max(200).optional(), ownerId: idSchema.optional(), tag: z.string().max(60).optional() });
/** GET /contacts/kanban: one column per lifecycle stage, count (capped like totals) and the first 20 cards (most recently updated). */
export const kanbanResponse = z.object({
  columns: z.array(z.object({
    stage: z.string(),
    label: localizedText,
    count: z.number().int(),
    countCapped: z.boolean(),
    cards: z.array(contactSchema),
  })),
});

// ───────────────────────── search ─────────────────────────

/** GET /search?q=&limit=: contacts and companies by name, email, phone (any format), company name; accent-insensitive. */
export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const searchResult = z.object({
  type: z.enum(['contact', 'company']),
  id: idSchema,
  title: z.string(),
  /** Email, phone or company for a contact; domain for a company. */
  subtitle: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResult>;
export const searchResponse = z.object({ data: z.array(searchResult) });

// ───────────────────────── settings ─────────────────────────

export const lifecycleStage = z.strictObject({ value: stageKey, label: localizedText });
export type LifecycleStage = z.infer<typeof lifecycleStage>;
/** GET/PUT /settings/lifecycle-stages (PUT: admin). Order is the pipeline order. */
export const lifecycleStagesBody = z.strictObject({ stages: z.array(lifecycleStage).min(1).max(30) });
export const lifecycleStagesResponse = z.object({ stages: z.array(lifecycleStage) });
/** GET /settings/contacts: workspace settings the web needs to show contacts (the region phones are read in, KITH_DEFAULT_REGION). */
export const contactSettingsResponse = z.object({ defaultRegion: z.string().length(2) });
export type ContactSettings = z.infer<typeof contactSettingsResponse>;
