/**
 * A deal's own parts beside its engine record: line items (with totals, optionally setting the amount), contacts
 * with roles, stage history. Each read needs the deal visible to the caller; each write is one transaction.
 */
import type { z } from 'zod';
import type { DealContacts, LineItems, StageHistory, dealContactsBody, lineItemsBody } from '../../../../contracts/deals.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { assertVersion } from '../../platform/http/etag.js';
import { newId } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, recordsRepository } from '../../platform/records/index.js';
import { canSeeRow } from '../../platform/records/policy.js';
import { dealsRepository as repo } from './deals.repository.js';

/** Line total in integer minor units: quantity × unit price less the discount, rounded. */
export const lineTotal = (quantity: number, unitPrice: number, discountPercent: number) => Math.round((quantity * unitPrice * (100 - discountPercent)) / 100);

async function visibleDeal(ex: Executor, p: Principal, id: string, action: 'read' | 'update') {
  const { def, defs } = await definitionOf(ex, 'deals');
  assertCan(p, def.permissionModule, action);
  const row = await loadLive(ex, def, p, id);
  return { def, defs, row };
}

async function currencyOf(ex: Executor, row: Record<string, unknown>): Promise<string> {
  if (typeof row.amount_currency === 'string') return row.amount_currency;
  const pl = typeof row.pipeline === 'string' ? await repo.pipeline(ex, row.pipeline) : undefined;
  return pl?.currency ?? 'VND';
}

export async function getLineItems(ex: Executor, p: Principal, id: string): Promise<LineItems> {
  const { row } = await visibleDeal(ex, p, id, 'read');
  const items = await repo.lineItems(ex, id);
  return {
    items: items.map((i) => ({ id: i.id, position: i.position, productId: i.product_id, description: i.description, quantity: Number(i.quantity), unitPrice: Number(i.unit_price), discountPercent: Number(i.discount_percent), total: Number(i.total) })),
    total: items.reduce((s, i) => s + Number(i.total), 0),
    currency: await currencyOf(ex, row),
  };
}

export async function putLineItems(trx: Executor, p: Principal, id: string, body: z.output<typeof lineItemsBody>, expected?: number): Promise<LineItems> {
  const { def, defs, row } = await visibleDeal(trx, p, id, 'update');
  assertVersion(expected, row.version);
  const rows = body.items.map((i, position) => ({
    id: newId(), position, product_id: i.productId ?? null, description: i.description, quantity: i.quantity, unit_price: i.unitPrice,
    discount_percent: i.discountPercent, total: lineTotal(i.quantity, i.unitPrice, i.discountPercent),
  }));
  const total = rows.reduce((s, r) => s + r.total, 0);
  if (!Number.isSafeInteger(total)) throw new AppError('validation_failed', 'items: the total is too large', [{ path: 'items', message: 'total too large' }]);
  await repo.replaceLineItems(trx, id, rows);
  if (body.setAmount) {
    await pipeline.update(trx, def, defs, p, id, { values: { amount: { amount: total, currency: await currencyOf(trx, row) } } });
  }
  return getLineItems(trx, p, id);
}

export async function getDealContacts(ex: Executor, p: Principal, id: string): Promise<DealContacts> {
  await visibleDeal(ex, p, id, 'read');
  const rows = await repo.dealContacts(ex, id);
  return { data: rows.filter((r) => r.deleted_at === null && canSeeRow(p, 'contacts', r)).map((r) => ({ contactId: r.contact_id, name: r.display_name, role: r.role })) };
}

export async function putDealContacts(trx: Executor, p: Principal, id: string, body: z.output<typeof dealContactsBody>): Promise<DealContacts> {
  await visibleDeal(trx, p, id, 'update');
  const refs = new Map((await recordsRepository.refs(trx, 'contacts', 'display_name', body.contacts.map((c) => c.contactId))).map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  body.contacts.forEach((c, i) => {
    const ref = refs.get(c.contactId);
    if (!ref || ref.deleted_at !== null || !canSeeRow(p, 'contacts', ref)) errors.push({ path: `contacts.${i}.contactId`, message: 'no such contact' });
    else if (seen.has(c.contactId)) errors.push({ path: `contacts.${i}.contactId`, message: 'listed twice' });
    seen.add(c.contactId);
  });
  if (errors.length) throw new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
  await repo.replaceDealContacts(trx, id, body.contacts.map((c) => ({ contact_id: c.contactId, role: c.role?.trim() || null })));
  return getDealContacts(trx, p, id);
}

export async function stageHistory(ex: Executor, p: Principal, id: string): Promise<StageHistory> {
  await visibleDeal(ex, p, id, 'read');
  const rows = await repo.history(ex, id);
  return { data: rows.map((r) => ({ id: r.id, fromStage: r.from_stage, toStage: r.to_stage, at: r.at, actorId: r.actor_id, secondsInPrevious: r.seconds_in_previous === null ? null : Number(r.seconds_in_previous) })) };
}
