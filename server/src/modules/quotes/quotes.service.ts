/**
 * A quote's own parts beside its engine record: lines with totals (platform/documents rule), creation from a deal,
 * approval of large discounts, revisions. Each read needs the quote visible to the caller; each write is one
 * transaction (the caller's).
 */
import type { z } from 'zod';
import type { QuoteLines, quoteFromDealBody, quoteLinesBody } from '../../../../contracts/quotes.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { amountInWords, documentTotals, lineTotals, type LineTotals } from '../../platform/documents/index.js';
import { assertVersion } from '../../platform/http/etag.js';
import { AppError, conflict, invalid } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, rowValues, type ObjectDefinition } from '../../platform/records/index.js';
import { quotesRepository as repo } from './quotes.repository.js';
import type { QuoteLinesTable } from './quotes.tables.js';

export const DEFAULT_APPROVAL_THRESHOLD = 20;
const THRESHOLD_KEY = 'quotes.approval_threshold';

/** Discounts above this percent on a line need approval (setting `quotes.approval_threshold`, default 20). */
export async function approvalThreshold(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('settings').select('value').where('key', '=', THRESHOLD_KEY).executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isFinite(n) ? n : DEFAULT_APPROVAL_THRESHOLD;
}

export async function setApprovalThreshold(trx: Executor, percent: number): Promise<void> {
  const now = nowIso();
  await trx.insertInto('settings').values({ key: THRESHOLD_KEY, value: JSON.stringify(percent), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(percent), updated_at: now })).execute();
}

export interface VisibleQuote { def: ObjectDefinition; defs: Map<string, ObjectDefinition>; version: number; values: Record<string, unknown>; ownerId: string | null }

export async function visibleQuote(ex: Executor, p: Principal, id: string, action: 'read' | 'update' | 'manage'): Promise<VisibleQuote> {
  const { def, defs } = await definitionOf(ex, 'quotes');
  assertCan(p, def.permissionModule, action);
  const row = await loadLive(ex, def, p, id);
  return { def, defs, version: Number(row.version), values: rowValues(def, row), ownerId: row.owner_id };
}

export function presentLine(r: QuoteLinesTable) {
  return {
    id: r.id, position: Number(r.position), productId: r.product_id, description: r.description, unit: r.unit, quantity: Number(r.quantity),
    unitPrice: Number(r.unit_price), discountPercent: r.discount_percent === null ? null : Number(r.discount_percent),
    discountAmount: r.discount_amount === null ? null : Number(r.discount_amount), taxRate: Number(r.tax_rate),
    gross: Number(r.gross), discount: Number(r.discount), net: Number(r.net), tax: Number(r.tax), total: Number(r.total),
  };
}

/** Totals of stored lines (each already rounded by the rule) in the quote's currency. */
export function totalsOf(rows: QuoteLinesTable[], currency: string) {
  const lines: LineTotals[] = rows.map((r) => ({
    currency, quantity: Number(r.quantity), unitPrice: Number(r.unit_price), discountPercent: r.discount_percent === null ? null : Number(r.discount_percent),
    taxRate: Number(r.tax_rate), gross: Number(r.gross), discount: Number(r.discount), net: Number(r.net), tax: Number(r.tax), total: Number(r.total),
  }));
  return documentTotals(lines, currency);
}

export async function getLines(ex: Executor, p: Principal, id: string): Promise<QuoteLines> {
  const q = await visibleQuote(ex, p, id, 'read');
  return linesResult(ex, id, q.values);
}

async function linesResult(ex: Executor, id: string, values: Record<string, unknown>): Promise<QuoteLines> {
  const rows = await repo.lines(ex, id);
  const currency = String(values.currency ?? 'VND');
  const totals = totalsOf(rows, currency);
  return {
    items: rows.map(presentLine), totals,
    words: { en: amountInWords(totals.total, currency, 'en'), vi: amountInWords(totals.total, currency, 'vi') },
    status: String(values.status), approval: String(values.approval ?? 'not_needed'), approvalThreshold: await approvalThreshold(ex),
  };
}

type LineIn = z.output<typeof quoteLinesBody>['items'][number];

/**
 * Checks and prices lines (400 naming `items.<i>.<field>`), replaces the quote's lines and writes its totals,
 * largest discount and approval state: a line discounted above the threshold puts the quote in
 * `pending_approval` (a manager approves it); lines within it put it back to draft.
 */
export async function writeLines(trx: Executor, p: Principal, q: VisibleQuote, id: string, items: LineIn[]): Promise<void> {
  const currency = String(q.values.currency ?? 'VND');
  const productIds = [...new Set(items.map((i) => i.productId).filter((x): x is string => !!x))];
  const known = await repo.existingProducts(trx, productIds);
  const rows: QuoteLinesTable[] = items.map((i, position) => {
    const path = `items.${position}`;
    if (i.productId && !known.has(i.productId)) throw invalid(`${path}.productId`, 'no such product');
    const hasPercent = i.discountPercent !== null && i.discountPercent !== undefined;
    const hasAmount = i.discountAmount !== null && i.discountAmount !== undefined;
    if (hasPercent && hasAmount) throw invalid(`${path}.discountAmount`, 'give a discount percent or an amount, not both');
    const t = lineTotals({
      quantity: i.quantity, unitPrice: i.unitPrice, taxRate: i.taxRate,
      discount: hasPercent ? { percent: i.discountPercent! } : hasAmount ? { amount: i.discountAmount! } : null,
    }, currency, path);
    return {
      id: newId(), quote_id: id, position, product_id: i.productId ?? null, description: i.description, unit: i.unit?.trim() || null,
      quantity: t.quantity, unit_price: t.unitPrice, discount_percent: hasPercent ? i.discountPercent! : null, discount_amount: hasAmount ? i.discountAmount! : null,
      tax_rate: t.taxRate, gross: t.gross, discount: t.discount, net: t.net, tax: t.tax, total: t.total,
    };
  });
  const totals = totalsOf(rows, currency);
  await repo.replaceLines(trx, id, rows);
  // The effective percent of each line, so an amount off counts like a percent.
  const maxDiscount = rows.reduce((m, r) => Math.max(m, r.gross > 0 ? Math.round((r.discount / r.gross) * 10_000) / 100 : 0), 0);
  const threshold = await approvalThreshold(trx);
  const needs = maxDiscount > threshold;
  const derived: Record<string, unknown> = {
    subtotal: { amount: totals.subtotal, currency }, discount_total: { amount: totals.discount, currency }, tax_total: { amount: totals.tax, currency },
    total: { amount: totals.total, currency }, max_discount: maxDiscount,
  };
  const approvedCovers = q.values.approval === 'approved' && Number(q.values.max_discount ?? 0) >= maxDiscount;
  if (needs && !approvedCovers) Object.assign(derived, { status: 'pending_approval', approval: 'pending', approved_by: null, approved_at: null });
  else if (!needs) Object.assign(derived, { status: 'draft', approval: 'not_needed', approved_by: null, approved_at: null });
  await pipeline.update(trx, q.def, q.defs, p, id, { derived });
}

export async function putLines(trx: Executor, p: Principal, id: string, body: z.output<typeof quoteLinesBody>, expected?: number): Promise<QuoteLines> {
  const q = await visibleQuote(trx, p, id, 'update');
  assertVersion(expected, q.version);
  if (!['draft', 'pending_approval'].includes(String(q.values.status))) {
    throw new AppError('conflict', `status: the quote is ${String(q.values.status)} and read-only; revise it to change its lines`, [{ path: 'status', message: 'read-only once sent' }]);
  }
  await writeLines(trx, p, q, id, body.items);
  const after = await visibleQuote(trx, p, id, 'read');
  return linesResult(trx, id, after.values);
}

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A draft quote from a deal: its name, company, contact, currency and line items (VAT from the products when known). */
export async function createFromDeal(trx: Executor, p: Principal, body: z.output<typeof quoteFromDealBody>): Promise<{ id: string }> {
  const deals = await definitionOf(trx, 'deals');
  assertCan(p, deals.def.permissionModule, 'read');
  const dealRow = await loadLive(trx, deals.def, p, body.dealId).catch(() => { throw invalid('dealId', 'no such deal'); });
  const deal = rowValues(deals.def, dealRow);
  const { def, defs } = await definitionOf(trx, 'quotes');
  assertCan(p, def.permissionModule, 'create');
  const currency = (deal.amount as { currency?: string } | null)?.currency ?? 'VND';
  const id = await pipeline.create(trx, def, defs, p, {
    values: {
      title: deal.name ?? null, deal: body.dealId, company: deal.company ?? null, contact: deal.contact ?? null, currency,
      valid_until: body.validUntil ?? addDays(30), language: body.language ?? (p.locale === 'vi' ? 'vi' : 'en'),
    },
  });
  const items = await repo.dealLineItems(trx, body.dealId);
  if (items.length) {
    const rates = await repo.productTaxRates(trx, items.map((i) => i.product_id).filter((x): x is string => !!x));
    const q = await visibleQuote(trx, p, id, 'update');
    await writeLines(trx, p, q, id, items.map((i) => ({
      productId: i.product_id && rates.has(i.product_id) ? i.product_id : null, description: i.description, unit: null, quantity: Number(i.quantity),
      unitPrice: Number(i.unit_price), discountPercent: Number(i.discount_percent) || null, discountAmount: null,
      taxRate: i.product_id ? rates.get(i.product_id) ?? 0 : 0,
    })));
  }
  return { id };
}

/** A manager approves a quote's large discount: back to draft, ready to send. */
export async function approve(trx: Executor, p: Principal, id: string): Promise<void> {
  const q = await visibleQuote(trx, p, id, 'manage');
  if (q.values.status !== 'pending_approval') throw conflict(`status: only a quote pending approval can be approved (it is ${String(q.values.status)})`);
  await pipeline.update(trx, q.def, q.defs, p, id, { derived: { status: 'draft', approval: 'approved', approved_by: p.userId, approved_at: nowIso() } });
}

const REVISABLE = new Set(['sent', 'declined', 'expired']);

/**
 * Revises a sent (declined, expired) quote: it stays as it was, read-only, with status `revised` and its link
 * revoked; a new draft with the same number and revision + 1 copies its values and lines.
 */
export async function revise(trx: Executor, p: Principal, id: string): Promise<{ id: string }> {
  const q = await visibleQuote(trx, p, id, 'update');
  if (!REVISABLE.has(String(q.values.status))) throw conflict(`status: a ${String(q.values.status)} quote cannot be revised (only sent, declined or expired ones)`);
  assertCan(p, q.def.permissionModule, 'create');
  const v = q.values;
  const newId_ = await pipeline.create(trx, q.def, q.defs, p, {
    ownerId: q.ownerId ?? undefined,
    values: { title: v.title ?? null, deal: v.deal ?? null, company: v.company ?? null, contact: v.contact ?? null, currency: v.currency, valid_until: v.valid_until ?? null, language: v.language ?? null, notes: v.notes ?? null },
    derived: { number: v.number, revision: Number(v.revision ?? 1) + 1, previous: id },
  });
  const lines = await repo.lines(trx, id);
  const fresh = await visibleQuote(trx, p, newId_, 'update');
  await writeLines(trx, p, fresh, newId_, lines.map((l) => ({
    productId: l.product_id, description: l.description, unit: l.unit, quantity: Number(l.quantity), unitPrice: Number(l.unit_price),
    discountPercent: l.discount_percent === null ? null : Number(l.discount_percent), discountAmount: l.discount_amount === null ? null : Number(l.discount_amount), taxRate: Number(l.tax_rate),
  })));
  await repo.revokeLinks(trx, id, nowIso());
  await pipeline.update(trx, q.def, q.defs, p, id, { derived: { status: 'revised' } });
  return { id: newId_ };
}

/** Copies one quote's lines onto another (draft) quote, re-priced in its currency (contract renewal). */
export async function copyQuoteLines(trx: Executor, p: Principal, fromId: string, toId: string): Promise<void> {
  const lines = await repo.lines(trx, fromId);
  const to = await visibleQuote(trx, p, toId, 'update');
  await writeLines(trx, p, to, toId, lines.map((l) => ({
    productId: l.product_id, description: l.description, unit: l.unit, quantity: Number(l.quantity), unitPrice: Number(l.unit_price),
    discountPercent: l.discount_percent === null ? null : Number(l.discount_percent), discountAmount: l.discount_amount === null ? null : Number(l.discount_amount), taxRate: Number(l.tax_rate),
  })));
}
