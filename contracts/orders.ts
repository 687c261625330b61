/**
 * Orders wire shapes beside the engine's records (`/api/v1/orders` travel as engine records, contracts/records.ts):
 * lines, status changes, shipments and invoicing an order or a shipment. Amounts are integer minor units of the
 * order's currency. Imports only zod.
 */
import { z } from 'zod';
import { idSchema } from './common.js';
import { documentLine, documentLineInput } from './invoices.js';

/** PUT /orders/{id}/lines (while nothing is shipped) */
export const orderLinesBody = z.strictObject({ lines: z.array(documentLineInput).min(1).max(500) });
export const orderLine = documentLine.omit({ orderLineId: true }).extend({
  /** Units shipped, invoiced (live, non-void invoices) so far. */
  shipped: z.number(), invoiced: z.number(),
});
export const orderLinesResult = z.object({
  lines: z.array(orderLine), currency: z.string(), subtotal: z.number().int(), taxTotal: z.number().int(), total: z.number().int(),
});
export type OrderLines = z.infer<typeof orderLinesResult>;

export const orderStatuses = ['confirmed', 'picking', 'shipped', 'delivered', 'completed', 'cancelled', 'returned'] as const;
/** POST /orders/{id}/status: the moves a person makes (shipping is POST /orders/{id}/shipments). */
export const orderStatusBody = z.strictObject({
  status: z.enum(['picking', 'delivered', 'completed', 'cancelled', 'returned']),
  /** Delivery day (delivered; default today): the warranties start on it. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').optional(),
});

/** POST /orders/{id}/shipments: ships part or all of the order. */
export const shipmentBody = z.strictObject({
  carrier: z.string().trim().min(1).max(100),
  tracking: z.string().trim().max(100).optional(),
  lines: z.array(z.strictObject({
    lineId: idSchema,
    /** Whole units, at most what is left to ship (400 naming `lines.<i>.quantity`). */
    quantity: z.number().int().positive().max(1_000_000_000),
    /** Serial numbers shipped (serial-tracked products: exactly `quantity`). */
    serials: z.array(z.string().trim().min(1).max(100)).max(10_000).optional(),
  })).min(1).max(500),
});
export const shipment = z.object({
  id: idSchema, number: z.string(), carrier: z.string(), tracking: z.string().nullable(), status: z.enum(['shipped', 'delivered', 'returned']),
  shippedAt: z.string(), deliveredAt: z.string().nullable(),
  lines: z.array(z.object({ lineId: idSchema, description: z.string(), quantity: z.number(), serials: z.array(z.string()) })),
});
export const shipmentList = z.object({ data: z.array(shipment) });
export type Shipment = z.infer<typeof shipment>;

/** POST /orders/{id}/invoice: a draft invoice of what is not invoiced yet — of the order, or of one shipment. */
export const orderInvoiceBody = z.strictObject({
  shipmentId: idSchema.optional(),
  /** Explicit quantities per order line (default: everything left); more than left → 400 `lines.<i>.quantity`. */
  lines: z.array(z.strictObject({ lineId: idSchema, quantity: z.number().positive().max(1_000_000_000) })).min(1).max(500).optional(),
});

/** POST /warranties/{id}/claims */
export const warrantyClaimBody = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  description: z.string().trim().max(20_000).optional(),
});
export const warrantyClaimResult = z.object({ ticketId: idSchema, number: z.string() });
export const warrantyClaimList = z.object({
  data: z.array(z.object({ id: idSchema, ticketId: idSchema, createdAt: z.string(), number: z.string().nullable(), subject: z.string().nullable(), status: z.string().nullable() })),
});

const money = z.object({ amount: z.number().int(), currency: z.string() });
/** A short list of a party's records; `more` when there are more than shown. */
const section = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), more: z.boolean() }).nullable();

/**
 * GET /contacts/{id}/commerce, GET /companies/{id}/commerce: the party's purchases for its page's card. Each part is
 * `null` when the caller's role may not read that object (never a 403 for the whole card); rows are within the
 * caller's visibility scope on each object.
 */
export const commerceSummary = z.object({
  /** The workspace's currency (revenue in it comes first). */
  currency: z.string(),
  /** Money received (allocated payments) on the party's invoices, per currency, workspace currency first. */
  revenue: z.array(money).nullable(),
  /** Orders, latest first (cancelled ones included). */
  orders: section(z.object({ id: idSchema, number: z.string(), subject: z.string().nullable(), status: z.string(), date: z.string().nullable(), total: money.nullable() })),
  /** Draft, pending-approval and sent quotes that have not expired, the soonest valid_until first. */
  quotes: section(z.object({ id: idSchema, number: z.string(), title: z.string().nullable(), status: z.string(), validUntil: z.string().nullable(), total: money.nullable() })),
  /** Issued, partially paid and overdue invoices, the oldest due date first. */
  invoices: section(z.object({ id: idSchema, number: z.string(), status: z.string(), dueDate: z.string().nullable(), total: money.nullable(), balance: money.nullable(), overdue: z.boolean() })),
  /** Active warranties, the soonest end first; `expiringSoon` within 30 days. */
  warranties: section(z.object({ id: idSchema, item: z.string(), serial: z.string().nullable(), endDate: z.string().nullable(), expiringSoon: z.boolean() })),
});
export type CommerceSummary = z.infer<typeof commerceSummary>;

/**
 * POST /orders with `externalId`: an order from an e-commerce integration (instead of the engine's `{ values }`).
 * Idempotent: the same `source` + `externalId` answers the existing order with 200 (nothing written again).
 */
export const externalOrderBody = z.strictObject({
  /** The shop or integration, e.g. `shopify`, `haravan`, `woocommerce`. */
  source: z.string().trim().min(1).max(40).regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'letters, digits, _ . -'),
  /** The order's id in that shop. */
  externalId: z.string().trim().min(1).max(200),
  /** Matched to a contact by email or phone (the duplicate rules); created when none matches. */
  customer: z.strictObject({
    email: z.string().trim().email().max(254).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    givenName: z.string().trim().max(100).optional(),
    familyName: z.string().trim().max(100).optional(),
  }).refine((c) => Boolean(c.email || c.phone), { message: 'an email or a phone is required', path: ['email'] }),
  currency: z.enum(['VND', 'USD', 'EUR']).default('VND'),
  orderDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').optional(),
  subject: z.string().trim().max(300).optional(),
  notes: z.string().max(20_000).optional(),
  lines: z.array(z.strictObject({
    /** A live, active product's SKU (case-insensitive); unknown → 400 naming `lines.<i>.sku`. */
    sku: z.string().trim().min(1).max(100),
    quantity: z.number().int().positive().max(1_000_000),
    /** Minor units; default the product's price for the currency and quantity (price lists included). */
    unitPrice: z.number().int().min(0).max(1e15).optional(),
    /** Default the product's name. */
    description: z.string().trim().min(1).max(500).optional(),
  })).min(1).max(500),
});
export type ExternalOrderInput = z.infer<typeof externalOrderBody>;
