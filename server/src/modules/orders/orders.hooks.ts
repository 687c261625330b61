/**
 * Order rules, run by the records engine's write pipeline inside every order write (API, bulk, import): a new order
 * is confirmed, numbered `ORD-<year>-000001` from its series and dated today unless given, with zero figures in its
 * currency; after confirmation/picking only its subject and notes change (409 naming the field) unless the module
 * writes; an order may be deleted before shipping (its reservations are released) or once cancelled.
 */
import { AppError, conflict } from '../../platform/http/errors.js';
import type { ObjectHooks, WriteContext } from '../../platform/records/index.js';
import { nextDocumentNumber, today } from '../invoices/index.js';
import { releaseStock } from '../products/index.js';
import { ordersRepository as repo } from './orders.repository.js';

const internal = new Set<string>();
/** Runs `fn` as the module's own write of order `id`: its read-only rules do not apply. */
export async function asModule<T>(id: string, fn: () => Promise<T>): Promise<T> {
  internal.add(id);
  try { return await fn(); } finally { internal.delete(id); }
}
const moneyKeys = ['subtotal', 'tax_total', 'total'];
const editableLater = new Set(['subject', 'notes']);

async function beforeWrite(ctx: WriteContext): Promise<void> {
  const v = ctx.values;
  if (ctx.kind === 'created') {
    const currency = String(v.currency ?? 'VND');
    v.status = 'confirmed';
    v.order_date = typeof v.order_date === 'string' ? v.order_date : today();
    v.number = await nextDocumentNumber(ctx.trx, 'order', String(v.order_date));
    for (const k of moneyKeys) v[k] = { amount: 0, currency };
    return;
  }
  if (ctx.kind !== 'updated' || internal.has(ctx.id)) return;
  const before = ctx.before ?? {};
  if (before.status !== 'confirmed' && before.status !== 'picking') {
    const locked = Object.keys(v).filter((k) => !editableLater.has(k));
    if (locked.length) throw new AppError('conflict', `values.${locked[0]}: the order is ${String(before.status)}`, locked.map((k) => ({ path: `values.${k}`, message: `the order is ${String(before.status)}` })));
  }
  if ('currency' in v && v.currency !== before.currency) {
    if (((before.total as { amount: number } | null)?.amount ?? 0) !== 0) throw new AppError('conflict', 'values.currency: the order has lines priced in its currency', [{ path: 'values.currency', message: 'the order has lines' }]);
    for (const k of moneyKeys) v[k] = { amount: 0, currency: String(v.currency) };
  }
}

async function afterWrite(ctx: WriteContext & { after: Record<string, unknown> }): Promise<void> {
  if (ctx.kind !== 'deleted' || internal.has(ctx.id)) return;
  const status = ctx.before?.status;
  if (status === 'cancelled') return;
  if (status !== 'confirmed' && status !== 'picking') throw conflict('A shipped order cannot be deleted; return it instead');
  // An order deleted before shipping gives its reserved units back, as cancelling does.
  for (const l of await repo.lines(ctx.trx, ctx.id)) {
    if (l.product_id) await releaseStock(ctx.trx, ctx.principal, { productId: l.product_id, quantity: Number(l.quantity), ref: `order:${ctx.id}` });
  }
}

export const orderHooks: ObjectHooks = { beforeWrite, afterWrite };
