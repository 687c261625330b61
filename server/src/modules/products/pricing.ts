/**
 * `priceFor`: a product's unit price for a currency, quantity, customer group and day — the best entry of the valid
 * price lists (pricing.logic.ts), else the product's own price when it is in that currency. Runs on the caller's
 * executor (inside its transaction).
 */
import type { Executor } from '../../platform/db/db.js';
import { invalid } from '../../platform/http/errors.js';
import { pickEntry, validOn } from './pricing.logic.js';

export interface PriceRequest {
  productId: string;
  /** ISO 4217 code of the document. */
  currency: string;
  quantity: number;
  /** The customer's group or company tier (`dealer`); lists for that group win over lists for everyone. */
  group?: string | null;
  /** Only this list (still only when valid for the currency and day); else every list. */
  priceListId?: string | null;
  /** The day (YYYY-MM-DD) the price is for; today (UTC) when missing. */
  on?: string | null;
}
export interface Price { unitPrice: number; currency: string; source: 'price_list' | 'product'; priceListId: string | null; minQuantity: number | null }

/**
 * Example: priceFor(trx, { productId, currency: 'VND', quantity: 20, group: 'dealer' }) →
 * { unitPrice: 17_500_000, currency: 'VND', source: 'price_list', priceListId, minQuantity: 10 }.
 * An unknown product → 400 `productId`; no list entry and a product priced in another currency → 400 `currency`.
 */
export async function priceFor(ex: Executor, req: PriceRequest): Promise<Price> {
  if (!Number.isInteger(req.quantity) || req.quantity < 1) throw invalid('quantity', 'must be a whole number of 1 or more');
  const product = await ex.selectFrom('products').select(['id', 'price', 'price_currency']).where('id', '=', req.productId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!product) throw invalid('productId', 'no such product');
  const on = req.on ?? new Date().toISOString().slice(0, 10);
  let q = ex.selectFrom('price_list_items as i').innerJoin('price_lists as l', 'l.id', 'i.price_list_id')
    .select(['l.id as priceListId', 'l.customer_group', 'l.valid_from', 'l.valid_to', 'l.active', 'i.min_quantity', 'i.unit_price'])
    .where('i.product_id', '=', req.productId).where('l.currency', '=', req.currency).where('l.active', '=', 1);
  if (req.priceListId) q = q.where('l.id', '=', req.priceListId);
  const rows = (await q.execute()).filter((r) => validOn(r, on));
  const best = pickEntry(rows.map((r) => ({ priceListId: r.priceListId, customerGroup: r.customer_group, minQuantity: Number(r.min_quantity), unitPrice: Number(r.unit_price) })), req.quantity, req.group);
  if (best) return { unitPrice: best.unitPrice, currency: req.currency, source: 'price_list', priceListId: best.priceListId, minQuantity: best.minQuantity };
  if (product.price === null || product.price_currency !== req.currency) throw invalid('currency', `the product has no price in ${req.currency}`);
  return { unitPrice: Number(product.price), currency: req.currency, source: 'product', priceListId: null, minQuantity: null };
}
