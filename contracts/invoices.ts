/**
 * Invoices and payments wire shapes beside the engine's records (`/api/v1/invoices`, `/api/v1/payments` travel as
 * engine records, contracts/records.ts): invoice lines, issue/void/credit note, payments with allocations and the
 * accounting journal. Amounts are integer minor units of the document's currency (VND 0 decimals, USD 2): a price
 * with a fraction of a minor unit is a 400 naming the field. Imports only zod.
 */
import { z } from 'zod';
import { idSchema } from './common.js';

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** One line of an invoice (or order, or credit note). Rounding per line: see the invoices README. */
export const documentLineInput = z.strictObject({
  /** The product sold, when from the catalogue. */
  productId: z.string().max(64).nullable().optional(),
  description: z.string().trim().min(1).max(500),
  /** Positive, at most 3 decimals. */
  quantity: z.number().positive().max(1_000_000_000).refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'at most 3 decimals'),
  /** Integer minor units (VND has none). */
  unitPrice: minor,
  /** Percent off the line (0–100). */
  discountPercent: z.number().min(0).max(100).default(0),
  /** Amount off the line in minor units (after the percent). */
  discountAmount: minor.default(0),
  /** Tax rate in percent (Vietnam's VAT: 0, 5, 8, 10). */
  taxRate: z.number().min(0).max(100).default(0),
});
export type DocumentLineInput = z.input<typeof documentLineInput>;

export const documentLine = z.object({
  id: idSchema, position: z.number().int(), productId: z.string().nullable(), description: z.string(), quantity: z.number(),
  unitPrice: z.number().int(), discountPercent: z.number(), discountAmount: z.number().int(), taxRate: z.number(),
  /** quantity × unit price less discounts, rounded half away from zero. */
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  /** The order line it invoices, when from an order. */
  orderLineId: z.string().nullable(),
});
export type DocumentLine = z.infer<typeof documentLine>;

/** GET/PUT /invoices/{id}/lines */
export const invoiceLinesBody = z.strictObject({ lines: z.array(documentLineInput).max(500) });
export const invoiceLinesResult = z.object({
  lines: z.array(documentLine), currency: z.string(),
  subtotal: z.number().int(), taxTotal: z.number().int(), total: z.number().int(),
});
export type InvoiceLines = z.infer<typeof invoiceLinesResult>;

/** POST /invoices/{id}/issue: the number is taken now from the series of the issue date's year. */
export const issueBody = z.strictObject({
  /** Default: today (UTC). */
  issueDate: isoDay.optional(),
});

/** POST /invoices/{id}/credit-note: without lines, credits the whole balance not yet paid or credited. */
export const creditNoteBody = z.strictObject({
  lines: z.array(documentLineInput).min(1).max(500).optional(),
  reason: z.string().trim().max(500).optional(),
});

export const paymentMethods = ['cash', 'bank_transfer', 'card'] as const;

/** POST /payments/record: a payment and its allocations, in one transaction. */
export const recordPaymentBody = z.strictObject({
  method: z.enum(paymentMethods),
  /** Required for bank transfers (the bank's reference). */
  reference: z.string().trim().max(200).optional(),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as VND'),
  /** Default: today (UTC). */
  date: isoDay.optional(),
  companyId: idSchema.nullable().optional(),
  contactId: idSchema.nullable().optional(),
  notes: z.string().trim().max(2000).optional(),
  /** Sum ≤ amount; each ≤ the invoice's balance. */
  allocations: z.array(z.strictObject({ invoiceId: idSchema, amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) })).max(100).default([]),
});
export type RecordPaymentBody = z.input<typeof recordPaymentBody>;

/** PUT /payments/{id}/allocations: replaces the allocations. */
export const allocationsBody = recordPaymentBody.pick({ allocations: true });

export const allocation = z.object({
  id: idSchema, paymentId: idSchema, invoiceId: idSchema, amount: z.number().int(), currency: z.string(),
  paymentNumber: z.string().nullable(), invoiceNumber: z.string().nullable(), method: z.string().nullable(), date: z.string().nullable(),
});
export const allocationList = z.object({ data: z.array(allocation) });
export type Allocation = z.infer<typeof allocation>;

/** GET /invoices/journal */
export const journalQuery = z.object({
  from: isoDay.describe('First day (inclusive)'),
  to: isoDay.describe('Last day (inclusive)'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

/** The journal's columns, in order (README: what each means). */
export const journalColumns = [
  'date', 'type', 'number', 'status', 'customer', 'currency', 'net', 'tax', 'total', 'due_date', 'method', 'reference', 'applies_to',
] as const;

/** Ways the revenue report groups its rows. */
export const revenueGroupings = ['month', 'quarter', 'product', 'category', 'owner', 'company'] as const;
/** GET /reports/revenue: at most 5 years (1,830 days) per request. */
export const revenueQuery = z.object({
  from: isoDay.describe('First issue day (inclusive)'),
  to: isoDay.describe('Last issue day (inclusive)'),
  groupBy: z.enum(revenueGroupings).default('month').describe('month (YYYY-MM), quarter (YYYY-Qn), product, category, owner (invoice owner), company'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').optional().describe('Only this currency (default: every currency, one row per group and currency)'),
});
export const revenueRow = z.object({
  /** The group: `2026-12`, `2026-Q4`, a product/user/company id, a category value; null for "none" (a line without product, an invoice without company). */
  key: z.string().nullable(),
  /** The group's name (product name, user name, company name, category value, the period itself); '' for none. */
  label: z.string(),
  currency: z.string(),
  /** Net revenue (after discounts, before tax) in minor units: issued/paid invoices minus credit notes. */
  net: z.number().int(),
  /** Units invoiced, minus units credited. */
  units: z.number(),
  /** Units on orders dated in the period (not cancelled); null when the caller may not read orders. */
  orderedUnits: z.number().nullable(),
});
export const revenueResult = z.object({
  from: z.string(), to: z.string(), groupBy: z.enum(revenueGroupings),
  rows: z.array(revenueRow),
  /** Per currency over every row (also the rows left out by the cap). */
  totals: z.array(z.object({ currency: z.string(), net: z.number().int(), units: z.number() })),
  /** True when there were more than 1,000 groups: the rows with the largest net are kept. */
  capped: z.boolean(),
});
export type RevenueResult = z.infer<typeof revenueResult>;
