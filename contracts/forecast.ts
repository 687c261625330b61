/**
 * Wire shapes of the sales forecast and quotas (`/api/v1/forecast`, `/api/v1/quotas`). Amounts are integer minor
 * units of one currency (VND has no minor unit). Categories are exclusive: `won` (closed won in the period),
 * `commit`, `bestCase`, `pipeline` (open deals of that forecast category expected to close in the period);
 * `weighted` = Σ open amount × stage probability. Omitted deals count in no category.
 */
import { z } from 'zod';
import { idSchema } from './common.js';

/** A month `2026-12` or a quarter `2026-Q4`. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'a month like 2026-12 or a quarter like 2026-Q4');

export const forecastQuery = z.object({
  /** The period; default the current quarter (in the server's time zone). */
  period: periodSchema.optional(),
  /** Rows by owner, team or pipeline. */
  by: z.enum(['owner', 'team', 'pipeline']).default('owner'),
  /** Only this pipeline's deals. */
  pipeline: idSchema.optional(),
  /** Only deals in this currency (ISO 4217); default VND. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. VND').default('VND'),
});
export type ForecastQuery = z.infer<typeof forecastQuery>;

const amounts = {
  won: z.number().int(),
  commit: z.number().int(),
  bestCase: z.number().int(),
  pipeline: z.number().int(),
  weighted: z.number().int(),
  /** Deals counted in any category. */
  deals: z.number().int(),
  /** The quota of the period (owners: theirs; teams: their members' sum); null when none is set or by pipeline. */
  quota: z.number().int().nullable(),
  /** won / quota, e.g. 0.82; null without a quota. */
  attainment: z.number().nullable(),
};

export const forecastRow = z.object({ key: z.string(), label: z.string(), ...amounts });
export type ForecastRow = z.infer<typeof forecastRow>;

export const forecastResult = z.object({
  period: z.object({ key: periodSchema, from: z.string(), to: z.string() }),
  currency: z.string(),
  by: z.enum(['owner', 'team', 'pipeline']),
  rows: z.array(forecastRow),
  totals: z.object(amounts),
  /** Deals of the period in other currencies, left out (the figures never mix currencies). */
  otherCurrencies: z.array(z.object({ currency: z.string(), deals: z.number().int() })),
});
export type ForecastResult = z.infer<typeof forecastResult>;

export const forecastCategory = z.enum(['won', 'commit', 'best_case', 'pipeline', 'all']);
export const forecastDealsQuery = forecastQuery.extend({
  /** A row's key (owner id, team id, pipeline id, or `none`); all rows when absent. */
  key: z.string().max(64).optional(),
  category: forecastCategory.default('all'),
});
export const forecastDeal = z.object({
  id: idSchema, name: z.string(), amount: z.number().int(), currency: z.string(), category: forecastCategory,
  probability: z.number(), stage: z.string(), closeDate: z.string().nullable(), ownerId: z.string().nullable(),
});
export const forecastDeals = z.object({ data: z.array(forecastDeal), more: z.boolean() });
export type ForecastDeal = z.infer<typeof forecastDeal>;

export const quotaInput = z.strictObject({
  userId: idSchema,
  period: periodSchema,
  /** Minor units, ≥ 0. */
  amount: z.number().int().min(0, 'must be zero or more').max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. VND').default('VND'),
});
export const quotaSchema = z.object({
  id: idSchema, userId: idSchema, userName: z.string(), period: periodSchema, amount: z.number().int(), currency: z.string(), updatedAt: z.string(),
});
export const quotaList = z.object({ data: z.array(quotaSchema), canManage: z.boolean() });
export const quotaListQuery = z.object({ period: periodSchema.optional() });
export type Quota = z.infer<typeof quotaSchema>;
