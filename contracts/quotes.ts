/** Wire shapes of quotes (lines, send, public answer, approval, revision) and contracts (from a quote, renew). */
import { z } from 'zod';
import { idSchema, localeSchema } from './common.js';

/** One line as sent by a client. Amounts are integer minor units of the quote's currency (VND none, USD cents). */
export const quoteLineInput = z.strictObject({
  /** A product of the catalogue (`/api/v1/products`), or null for a free line. */
  productId: idSchema.nullable().optional(),
  description: z.string().trim().min(1).max(500),
  /** Unit of measure shown on the document ("cái", "giờ"). */
  unit: z.string().trim().max(30).nullable().optional(),
  /** > 0, at most 3 decimals (checked with a 400 naming `items.<i>.quantity`). */
  quantity: z.number(),
  /** Integer minor units ≥ 0. */
  unitPrice: z.number(),
  /** Percent 0–100 (2 decimals) — or `discountAmount`, not both. */
  discountPercent: z.number().nullable().optional(),
  /** Integer minor units off the line (≤ the line's gross). */
  discountAmount: z.number().nullable().optional(),
  /** VAT percent (Vietnam: 0, 5, 8, 10). */
  taxRate: z.number().default(0),
});
export const quoteLinesBody = z.strictObject({ items: z.array(quoteLineInput).max(200) });

export const quoteLine = z.object({
  id: idSchema, position: z.number().int(), productId: z.string().nullable(), description: z.string(), unit: z.string().nullable(),
  quantity: z.number(), unitPrice: z.number().int(), discountPercent: z.number().nullable(), discountAmount: z.number().int().nullable(),
  taxRate: z.number(), gross: z.number().int(), discount: z.number().int(), net: z.number().int(), tax: z.number().int(), total: z.number().int(),
});
export const documentTotalsSchema = z.object({
  currency: z.string(), subtotal: z.number().int(), discount: z.number().int(), net: z.number().int(), tax: z.number().int(), total: z.number().int(),
  taxes: z.array(z.object({ rate: z.number(), base: z.number().int(), tax: z.number().int() })),
});
export const quoteLinesResult = z.object({
  items: z.array(quoteLine),
  totals: documentTotalsSchema,
  /** The total in words. */
  words: z.object({ en: z.string(), vi: z.string() }),
  status: z.string(),
  approval: z.string(),
  /** Discounts above this percent on a line need a manager's approval before sending. */
  approvalThreshold: z.number(),
});
export type QuoteLines = z.infer<typeof quoteLinesResult>;
export type QuoteLineInput = z.input<typeof quoteLineInput>;

/** POST /quotes/from-deal */
export const quoteFromDealBody = z.strictObject({
  dealId: idSchema,
  /** Defaults to 30 days from today. */
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  language: localeSchema.optional(),
});

/** POST /quotes/{id}/send */
export const quoteSendBody = z.strictObject({
  /** Defaults to the quote contact's email. */
  to: z.email().max(254).optional(),
  message: z.string().max(4000).optional(),
  /** Language of the email and PDF; defaults to the quote's language, else the sender's. */
  lang: localeSchema.optional(),
});
export const quoteSendResult = z.object({
  id: idSchema, status: z.string(), sentTo: z.string(),
  /** The public accept/decline page (also in the email); it works once. */
  link: z.string(),
});

export const quoteIdResult = z.object({ id: idSchema });
export const quotePdfQuery = z.object({ lang: localeSchema.optional() });

/** GET /public/quotes/{token}: what the customer sees, without sign-in. */
export const publicQuote = z.object({
  number: z.string(), revision: z.number().int(), title: z.string().nullable(), status: z.string(), validUntil: z.string().nullable(),
  expired: z.boolean(),
  /** False once answered, expired, revised or the link used. */
  canAnswer: z.boolean(),
  company: z.object({ name: z.string(), address: z.string().nullable(), hasLogo: z.boolean() }),
  customer: z.object({ name: z.string().nullable() }),
  lines: z.array(quoteLine.pick({ description: true, unit: true, quantity: true, unitPrice: true, discountPercent: true, discount: true, taxRate: true, net: true })),
  totals: documentTotalsSchema,
  words: z.object({ en: z.string(), vi: z.string() }),
  language: z.string(),
  notes: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
});
export type PublicQuote = z.infer<typeof publicQuote>;
export const publicTokenParams = z.object({ token: z.string().min(20).max(100) });
export const publicAnswerBody = z.strictObject({
  /** The name of the person accepting or declining, recorded with the time and IP address. */
  name: z.string().trim().min(1).max(200),
  reason: z.string().trim().max(1000).optional(),
});
export const publicAnswerResult = z.object({ status: z.string(), decidedAt: z.string() });

/** POST /quotes/{id}/contract */
export const contractFromQuoteBody = z.strictObject({
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  renewal: z.enum(['manual', 'automatic']).optional(),
});
/** POST /contracts/{id}/renew → the new deal and quote. */
export const contractRenewResult = z.object({ dealId: idSchema, quoteId: idSchema.nullable() });
