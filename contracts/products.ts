/**
 * Products module wire shapes: price lists and their entries. Products themselves travel as engine records
 * (contracts/records.ts, `/api/v1/products`). Imports only zod.
 *
 * Money is integer minor units of the list's currency (VND 0 decimals, USD 2): 1 200 000 ₫ is `1200000`, 12.50 USD
 * is `1250`; a fractional amount is a 400 naming the field.
 */
import { z } from 'zod';

const date = z.iso.date();

/** One entry: a product's unit price from `minQuantity` units on (quantity breaks: several entries per product). */
export const priceListItemInput = z.strictObject({
  productId: z.string().min(1).max(64),
  minQuantity: z.number().int().min(1).max(1_000_000).default(1),
  unitPrice: z.number().int().min(0),
});
export type PriceListItemInput = z.infer<typeof priceListItemInput>;

/**
 * POST/PUT /price-lists. `customerGroup`: a free text group or company tier (`dealer`, `gold`); a list without one
 * applies to every customer. `validFrom`/`validTo` (inclusive, YYYY-MM-DD) bound it; `items` (when given) replace
 * the entries. Currency is an ISO 4217 code.
 */
export const priceListInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  currency: z.string().trim().length(3),
  customerGroup: z.string().trim().max(100).nullish(),
  validFrom: date.nullish(),
  validTo: date.nullish(),
  active: z.boolean().optional(),
  items: z.array(priceListItemInput).max(5000).optional(),
});
export type PriceListInput = z.infer<typeof priceListInput>;

export const priceListItemSchema = z.object({
  id: z.string(), productId: z.string(), productName: z.string().nullable(), sku: z.string().nullable(),
  minQuantity: z.number(), unitPrice: z.number(),
});
export const priceListSchema = z.object({
  id: z.string(), name: z.string(), currency: z.string(), customerGroup: z.string().nullable(),
  validFrom: z.string().nullable(), validTo: z.string().nullable(), active: z.boolean(), itemCount: z.number(),
  createdAt: z.string(), updatedAt: z.string(),
});
export type PriceList = z.infer<typeof priceListSchema>;
export const priceListDetail = priceListSchema.extend({ items: z.array(priceListItemSchema) });
export type PriceListDetail = z.infer<typeof priceListDetail>;
export const priceListList = z.object({ data: z.array(priceListSchema) });

/** GET /products/{id}/price: the unit price for a quantity, currency, group and day, and where it came from. */
export const priceQuery = z.object({
  currency: z.string().trim().length(3),
  quantity: z.coerce.number().int().min(1).max(1_000_000).default(1),
  group: z.string().trim().max(100).optional(),
  on: date.optional(),
  priceListId: z.string().max(64).optional(),
});
export const priceAnswer = z.object({
  unitPrice: z.number(), currency: z.string(),
  /** `price_list` when an entry of a valid list applied, else `product` (the product's own price). */
  source: z.enum(['price_list', 'product']),
  priceListId: z.string().nullable(), minQuantity: z.number().nullable(),
});
export type PriceAnswer = z.infer<typeof priceAnswer>;

/** GET /products/{id}/price-list-items: every list entry of one product (the product page's card). */
export const productPriceEntry = z.object({
  priceListId: z.string(), priceListName: z.string(), currency: z.string(), customerGroup: z.string().nullable(),
  validFrom: z.string().nullable(), validTo: z.string().nullable(), active: z.boolean(), minQuantity: z.number(), unitPrice: z.number(),
});
export const productPriceEntries = z.object({ data: z.array(productPriceEntry) });
export type ProductPriceEntry = z.infer<typeof productPriceEntry>;
