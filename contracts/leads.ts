/**
 * Leads module wire shapes: the public capture form, scoring rules, assignment rules and conversion. Leads
 * themselves travel as engine records (contracts/records.ts). Imports only zod.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

const text = (max: number) => z.string().trim().max(max).optional();

/**
 * POST /public/leads (no session): what a web form sends. At least `email` or `phone`. `website` is a honeypot
 * a person never fills (hidden field): a filled one is answered like a success and nothing is stored.
 */
export const publicLeadInput = z.object({
  name: text(200),
  email: text(320),
  phone: text(40),
  company: text(200),
  jobTitle: text(200),
  message: text(5000),
  productInterest: text(200),
  region: text(100),
  utm_source: text(200),
  utm_medium: text(200),
  utm_campaign: text(200),
  utm_term: text(200),
  utm_content: text(200),
  /** The page the form was on; the Referer header is used when absent. */
  referrer: text(2000),
  website: z.string().max(2000).optional(),
});
export type PublicLeadInput = z.infer<typeof publicLeadInput>;
export const publicLeadAnswer = z.object({ ok: z.literal(true), message: z.string() });

export const scoringOperators = ['eq', 'neq', 'contains', 'is_set', 'gt', 'lt'] as const;

/** A scoring rule: when the lead's `field` matches, `points` are added to its score (negative allowed). */
export const scoringRuleInput = z.strictObject({
  /** A field key of the leads definition (not `score`). */
  field: z.string().trim().min(1).max(64),
  operator: z.enum(scoringOperators),
  /** Compared value (text; a number for gt/lt; an option value for select fields); not used by `is_set`. */
  value: z.string().trim().max(500).nullable().optional(),
  points: z.number().int().min(-1000).max(1000),
  active: z.boolean().optional(),
});
export type ScoringRuleInput = z.infer<typeof scoringRuleInput>;
export const scoringRuleSchema = z.object({
  id: idSchema, field: z.string(), operator: z.enum(scoringOperators), value: z.string().nullable(), points: z.number().int(),
  active: z.boolean(), position: z.number().int(), updatedAt: isoDateTime,
});
export type ScoringRule = z.infer<typeof scoringRuleSchema>;
export const scoringRuleList = z.object({ data: z.array(scoringRuleSchema) });
export const rescoreResult = z.object({ scored: z.number().int(), changed: z.number().int() });

/** The lead fields an assignment rule may test; each condition lists accepted values (any of them, case-insensitive). */
export const assignmentConditionKeys = ['source', 'region', 'product_interest'] as const;
export const assignmentConditions = z.strictObject({
  source: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  region: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  product_interest: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
});

/** An assignment rule: the first active rule (by position) whose conditions all hold assigns the lead. */
export const assignmentRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  conditions: assignmentConditions.default({}),
  /** Round robin among the team's active users… */
  teamId: idSchema.nullable().optional(),
  /** …or one user (exactly one of teamId / userId). */
  userId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
  /** 0-based position; absent = last. */
  position: z.number().int().min(0).max(10_000).optional(),
});
export type AssignmentRuleInput = z.infer<typeof assignmentRuleInput>;
export const assignmentRuleSchema = z.object({
  id: idSchema, name: z.string(), conditions: assignmentConditions, teamId: idSchema.nullable(), teamName: z.string().nullable(),
  userId: idSchema.nullable(), userName: z.string().nullable(), active: z.boolean(), position: z.number().int(), updatedAt: isoDateTime,
});
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>;
export const assignmentRuleList = z.object({ data: z.array(assignmentRuleSchema) });

/** POST /leads/{id}/convert. */
export const convertInput = z.strictObject({
  /** An existing contact to reuse, or 'new' (default) to create one from the lead. */
  contact: z.union([z.literal('new'), z.strictObject({ id: idSchema })]).default('new'),
  /** An existing company, 'new' (from the lead's company name), or null for none; default: 'new' when the lead names a company. */
  company: z.union([z.literal('new'), z.strictObject({ id: idSchema }), z.null()]).optional(),
  /** A deal to open (null or absent: none). Amount in minor units (VND: đồng). */
  deal: z.strictObject({
    name: z.string().trim().min(1).max(200),
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    currency: z.string().length(3).optional(),
    pipeline: idSchema.optional(),
    stage: idSchema.optional(),
  }).nullable().optional(),
});
export type ConvertInput = z.input<typeof convertInput>;
export const convertResult = z.object({ leadId: idSchema, contactId: idSchema, companyId: idSchema.nullable(), dealId: idSchema.nullable() });

const candidate = z.object({ id: idSchema, name: z.string(), detail: z.string().nullable(), reasons: z.array(z.string()) });
/** GET /leads/{id}/convert/preview: existing records the lead duplicates (contacts by email/phone, companies by name/domain). */
export const convertPreview = z.object({
  contacts: z.array(candidate), companies: z.array(candidate), converted: z.boolean(),
});
export type ConvertPreview = z.infer<typeof convertPreview>;
