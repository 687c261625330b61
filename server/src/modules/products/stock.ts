/**
 * Stock movements. Every exported function runs on the caller's executor (inside its transaction) and writes the
 * level change, the ledger entry and the serial numbers together:
 *
 * A reservation without a warehouse takes the default warehouse when it has the units, else the one with the most.
 *
 * | movement | on_hand | reserved | available | refused (409 naming `quantity`) when |
 * |---|---|---|---|---|
 * | receipt | +n | | +n | — |
 * | reservation | | +n | −n | available < n (unless the product allows backorders) |
 * | release | | −n | +n | reserved < n |
 * | withdrawal (of a reservation) | −n | −n | | reserved < n or on_hand < n (unless backorders) |
 * | withdrawal (`fromReservation: false`) | −n | | −n | available < n (unless backorders) |
 * | return | +n | | +n | — |
 * | adjustment (±n, reason required) | ±n | | ±n | available < n when removing (unless backorders) |
 *
 * The check is the UPDATE itself (`… where available >= n`, rows affected counted), so two transactions taking the
 * last unit cannot both win on either database. A service product (kind `service`) has no stock: its movements
 * do nothing and return `{ skipped: true }`. Serial-tracked products name exactly n serials on receipt, withdrawal,
 * return and adjustment; a serial is withdrawn once (409 naming `serials.<i>`).
 * After a movement that lowers the product's total available below its reorder level, the product's owner and the
 * users who manage products get one notification per crossing (`stock.low`).
 */
import { sql } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notify } from '../../platform/events/notifier.js';
import { MAX_UNITS, type MovementKind } from '../../../../contracts/inventory.js';
import type { StockLedgerTable, StockLevelsTable } from './products.tables.js';

export interface StockRequest {
  productId: string;
  /** The warehouse; when missing: for a withdrawal or release, the one its `ref`'s reservation used; for a reservation, the default one when it has the units, else the one with most; else the default. */
  warehouseId?: string | null;
  /** Whole units, 1 or more. */
  quantity: number;
  /** The document it belongs to (`order:<id>`, `shipment:<id>`): shown in the ledger, links withdrawals to reservations. */
  ref?: string | null;
  /** Serial numbers moved (serial-tracked products: exactly `quantity` of them). */
  serials?: string[];
  note?: string | null;
}
export interface StockResult {
  skipped: boolean;
  warehouseId: string | null;
  level: StockLevelsTable | null;
  entry: StockLedgerTable | null;
}

interface ProductStock {
  id: string; name: string; kind: string; serialTracked: boolean; backorder: boolean; reorderLevel: number | null; ownerId: string | null;
}

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);

async function productOf(ex: Executor, id: string): Promise<ProductStock> {
  const r = await ex.selectFrom('products').select(['id', 'name', 'kind', 'serial_tracked', 'allow_backorder', 'reorder_level', 'owner_id'])
    .where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) throw invalid('productId', 'no such product');
  return {
    id: r.id, name: r.name ?? '', kind: r.kind ?? 'stock', serialTracked: r.serial_tracked === 1, backorder: r.allow_backorder === 1,
    reorderLevel: r.reorder_level === null || r.reorder_level === undefined ? null : Number(r.reorder_level), ownerId: r.owner_id,
  };
}

async function warehouseOf(ex: Executor, id: string | null | undefined, productId: string, ref: string | null | undefined, useRef: boolean): Promise<string> {
  if (id) {
    const w = await ex.selectFrom('warehouses').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
    if (!w) throw invalid('warehouseId', 'no such warehouse');
    if (w.active !== 1) throw invalid('warehouseId', 'the warehouse is inactive');
    return w.id;
  }
  if (useRef && ref) {
    const r = await ex.selectFrom('stock_ledger').select('warehouse_id').where('ref', '=', ref).where('product_id', '=', productId).where('kind', '=', 'reservation')
      .orderBy('id', 'desc').executeTakeFirst();
    if (r) return r.warehouse_id;
  }
  const w = await ex.selectFrom('warehouses').select('id').where('active', '=', 1).orderBy('is_default', 'desc').orderBy('name').orderBy('id').executeTakeFirst();
  if (!w) throw invalid('warehouseId', 'there is no warehouse yet; create one first');
  return w.id;
}

/** For a reservation without a warehouse: the default one when it has the units, else the one with the most available. */
async function warehouseWithStock(ex: Executor, productId: string, quantity: number): Promise<string> {
  const rows = await ex.selectFrom('warehouses as w').leftJoin('stock_levels as l', (j) => j.onRef('l.warehouse_id', '=', 'w.id').on('l.product_id', '=', productId))
    .select(['w.id', 'w.is_default', 'l.available']).where('w.active', '=', 1).orderBy('w.is_default', 'desc').orderBy('w.name').orderBy('w.id').execute();
  if (!rows.length) throw invalid('warehouseId', 'there is no warehouse yet; create one first');
  const enough = rows.find((r) => Number(r.available ?? 0) >= quantity);
  if (enough) return enough.id;
  return rows.reduce((best, r) => (Number(r.available ?? 0) > Number(best.available ?? 0) ? r : best), rows[0]!).id;
}

function checkQuantity(q: number, path = 'quantity'): void {
  if (!Number.isInteger(q) || q < 1 || q > MAX_UNITS) throw invalid(path, `must be a whole number from 1 to ${MAX_UNITS}`);
}

function checkSerials(product: ProductStock, serials: string[] | undefined, quantity: number): string[] {
  const list = (serials ?? []).map((s) => s.trim());
  if (!product.serialTracked) {
    if (list.length) throw invalid('serials', 'the product is not serial-tracked');
    return [];
  }
  if (list.length !== quantity) throw invalid('serials', `a serial-tracked product names exactly ${quantity} serial number(s); got ${list.length}`);
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (!s) throw invalid(`serials.${i}`, 'is empty');
    if (seen.has(s)) throw invalid(`serials.${i}`, 'is listed twice');
    seen.add(s);
  });
  return list;
}

async function ensureLevel(ex: Executor, productId: string, warehouseId: string): Promise<void> {
  await ex.insertInto('stock_levels').values({ product_id: productId, warehouse_id: warehouseId, on_hand: 0, reserved: 0, available: 0, updated_at: nowIso() })
    .onConflict((oc) => oc.columns(['product_id', 'warehouse_id']).doNothing()).execute();
}

type Guard = 'available' | 'reserved' | 'reserved_and_on_hand' | null;

/** The one conditional UPDATE of a level; 409 naming `quantity` when the guard fails. */
async function changeLevel(ex: Executor, product: ProductStock, warehouseId: string, dOnHand: number, dReserved: number, need: number, guard: Guard): Promise<StockLevelsTable> {
  await ensureLevel(ex, product.id, warehouseId);
  let q = ex.updateTable('stock_levels')
    .set({
      on_hand: sql<number>`on_hand + ${dOnHand}`, reserved: sql<number>`reserved + ${dReserved}`, available: sql<number>`available + ${dOnHand - dReserved}`,
      updated_at: nowIso(),
    })
    .where('product_id', '=', product.id).where('warehouse_id', '=', warehouseId);
  if (guard === 'available' && !product.backorder) q = q.where('available', '>=', need);
  if (guard === 'reserved') q = q.where('reserved', '>=', need);
  if (guard === 'reserved_and_on_hand') {
    q = q.where('reserved', '>=', need);
    if (!product.backorder) q = q.where('on_hand', '>=', need);
  }
  const row = await q.returningAll().executeTakeFirst();
  if (row) return { ...row, on_hand: Number(row.on_hand), reserved: Number(row.reserved), available: Number(row.available) };
  const now = await ex.selectFrom('stock_levels').selectAll().where('product_id', '=', product.id).where('warehouse_id', '=', warehouseId).executeTakeFirst();
  if (guard === 'reserved' || guard === 'reserved_and_on_hand') {
    const reserved = Number(now?.reserved ?? 0);
    if (reserved < need) throw conflict('quantity', `only ${reserved} reserved in this warehouse`);
    throw conflict('quantity', `only ${Number(now?.on_hand ?? 0)} on hand in this warehouse`);
  }
  throw conflict('quantity', `only ${Math.max(0, Number(now?.available ?? 0))} available in this warehouse`);
}

async function receiveSerials(ex: Executor, productId: string, warehouseId: string, serials: string[], ref: string | null): Promise<void> {
  const now = nowIso();
  for (const [i, s] of serials.entries()) {
    const inserted = await ex.insertInto('stock_serials').values({ product_id: productId, serial: s, warehouse_id: warehouseId, status: 'in_stock', received_at: now, withdrawn_at: null, ref })
      .onConflict((oc) => oc.columns(['product_id', 'serial']).doNothing()).returning('serial').executeTakeFirst();
    if (inserted) continue;
    // Known serial: back in only if it had left (a unit bought back); never twice in stock.
    const back = await ex.updateTable('stock_serials').set({ status: 'in_stock', warehouse_id: warehouseId, received_at: now, withdrawn_at: null, ref })
      .where('product_id', '=', productId).where('serial', '=', s).where('status', '=', 'withdrawn').returning('serial').executeTakeFirst();
    if (!back) throw conflict(`serials.${i}`, `serial ${s} is already in stock`);
  }
}

async function withdrawSerials(ex: Executor, productId: string, warehouseId: string, serials: string[], ref: string | null): Promise<void> {
  const now = nowIso();
  for (const [i, s] of serials.entries()) {
    const gone = await ex.updateTable('stock_serials').set({ status: 'withdrawn', withdrawn_at: now, ref })
      .where('product_id', '=', productId).where('serial', '=', s).where('warehouse_id', '=', warehouseId).where('status', '=', 'in_stock')
      .returning('serial').executeTakeFirst();
    if (!gone) throw conflict(`serials.${i}`, `serial ${s} is not in stock in this warehouse (unknown or withdrawn already)`);
  }
}

async function returnSerials(ex: Executor, productId: string, warehouseId: string, serials: string[], ref: string | null): Promise<void> {
  for (const [i, s] of serials.entries()) {
    const back = await ex.updateTable('stock_serials').set({ status: 'in_stock', warehouse_id: warehouseId, withdrawn_at: null, ref })
      .where('product_id', '=', productId).where('serial', '=', s).where('status', '=', 'withdrawn').returning('serial').executeTakeFirst();
    if (!back) throw conflict(`serials.${i}`, `serial ${s} was not withdrawn`);
  }
}

async function record(ex: Executor, p: Principal | null, product: ProductStock, level: StockLevelsTable, kind: MovementKind, quantity: number, dOnHand: number, dReserved: number, o: { reason?: string | null; ref?: string | null; serials?: string[] }): Promise<StockLedgerTable> {
  const entry: StockLedgerTable = {
    id: newId(), product_id: product.id, warehouse_id: level.warehouse_id, kind, quantity, on_hand_delta: dOnHand, reserved_delta: dReserved,
    on_hand_after: level.on_hand, reserved_after: level.reserved, reason: o.reason ?? null, ref: o.ref ?? null, serials: JSON.stringify(o.serials ?? []),
    actor_id: p?.userId ?? null, at: nowIso(),
  };
  await ex.insertInto('stock_ledger').values(entry).execute();
  if (dOnHand - dReserved !== 0) await lowStockCheck(ex, product);
  return entry;
}

/** Users who hear about low stock: the product's owner, administrators and roles that manage products. */
async function stockManagers(ex: Executor, ownerId: string | null): Promise<string[]> {
  const roles = await ex.selectFrom('roles').select(['id', 'is_admin', 'permissions']).execute();
  const managing = roles.filter((r) => {
    if (Number(r.is_admin) === 1) return true;
    try { return ((JSON.parse(String(r.permissions)) as Record<string, { actions?: string[] }>).products?.actions ?? []).includes('manage'); } catch { return false; }
  }).map((r) => r.id);
  const users = managing.length ? await ex.selectFrom('users').select('id').where('role_id', 'in', managing).where('active', '=', 1).execute() : [];
  return [...new Set([...(ownerId ? [ownerId] : []), ...users.map((u) => u.id)])];
}

async function lowStockCheck(ex: Executor, product: ProductStock): Promise<void> {
  if (product.reorderLevel === null) return;
  const t = await ex.selectFrom('stock_levels').select((eb) => eb.fn.sum<number>('available').as('a')).where('product_id', '=', product.id).executeTakeFirst();
  const available = Number(t?.a ?? 0);
  if (available >= product.reorderLevel) {
    await ex.deleteFrom('stock_alerts').where('product_id', '=', product.id).execute();
    return;
  }
  const crossed = await ex.insertInto('stock_alerts').values({ product_id: product.id, low_since: nowIso() })
    .onConflict((oc) => oc.column('product_id').doNothing()).returning('product_id').executeTakeFirst();
  if (!crossed) return;
  const users = await stockManagers(ex, product.ownerId);
  const locales = new Map((users.length ? await ex.selectFrom('users').select(['id', 'locale']).where('id', 'in', users).execute() : []).map((u) => [u.id, u.locale]));
  for (const u of users) {
    const vi = locales.get(u) === 'vi';
    await notify(ex, u, {
      type: 'stock.low',
      title: vi ? `Sắp hết hàng: ${product.name}` : `Low stock: ${product.name}`,
      body: vi ? `Còn ${available} khả dụng, dưới mức tồn tối thiểu ${product.reorderLevel}.` : `${available} available, below the reorder level of ${product.reorderLevel}.`,
      link: `/products/${product.id}`,
    });
  }
}

const skipped: StockResult = { skipped: true, warehouseId: null, level: null, entry: null };

/** Goods in: on_hand and available +n; serial-tracked products list the n new serials. */
export async function receiveStock(ex: Executor, p: Principal | null, req: StockRequest): Promise<StockResult> {
  checkQuantity(req.quantity);
  const product = await productOf(ex, req.productId);
  if (product.kind === 'service') throw invalid('productId', 'a service has no stock');
  const serials = checkSerials(product, req.serials, req.quantity);
  const w = await warehouseOf(ex, req.warehouseId, product.id, null, false);
  await receiveSerials(ex, product.id, w, serials, req.ref ?? null);
  const level = await changeLevel(ex, product, w, req.quantity, 0, 0, null);
  return { skipped: false, warehouseId: w, level, entry: await record(ex, p, product, level, 'receipt', req.quantity, req.quantity, 0, { ref: req.ref, serials, reason: req.note }) };
}

/** Sets units aside for a document (an order at confirmation): available −n, reserved +n; 409 `quantity` when short. */
export async function reserveStock(ex: Executor, p: Principal | null, req: StockRequest): Promise<StockResult> {
  checkQuantity(req.quantity);
  const product = await productOf(ex, req.productId);
  if (product.kind === 'service') return skipped;
  const w = req.warehouseId ? await warehouseOf(ex, req.warehouseId, product.id, null, false) : await warehouseWithStock(ex, product.id, req.quantity);
  const level = await changeLevel(ex, product, w, 0, req.quantity, req.quantity, 'available');
  return { skipped: false, warehouseId: w, level, entry: await record(ex, p, product, level, 'reservation', req.quantity, 0, req.quantity, { ref: req.ref }) };
}

/** Gives reserved units back (a cancelled order): reserved −n, available +n. */
export async function releaseStock(ex: Executor, p: Principal | null, req: StockRequest): Promise<StockResult> {
  checkQuantity(req.quantity);
  const product = await productOf(ex, req.productId);
  if (product.kind === 'service') return skipped;
  const w = await warehouseOf(ex, req.warehouseId, product.id, req.ref, true);
  const level = await changeLevel(ex, product, w, 0, -req.quantity, req.quantity, 'reserved');
  return { skipped: false, warehouseId: w, level, entry: await record(ex, p, product, level, 'release', req.quantity, 0, -req.quantity, { ref: req.ref }) };
}

/**
 * Goods out (a shipment): by default takes n of the units reserved (reserved and on_hand −n); with
 * `fromReservation: false` takes n available units directly. Serial-tracked products name the n serials shipped.
 */
export async function withdrawStock(ex: Executor, p: Principal | null, req: StockRequest & { fromReservation?: boolean }): Promise<StockResult> {
  checkQuantity(req.quantity);
  const product = await productOf(ex, req.productId);
  if (product.kind === 'service') return skipped;
  const serials = checkSerials(product, req.serials, req.quantity);
  const fromReservation = req.fromReservation !== false;
  const w = await warehouseOf(ex, req.warehouseId, product.id, req.ref, fromReservation);
  const dReserved = fromReservation ? -req.quantity : 0;
  const level = await changeLevel(ex, product, w, -req.quantity, dReserved, req.quantity, fromReservation ? 'reserved_and_on_hand' : 'available');
  await withdrawSerials(ex, product.id, w, serials, req.ref ?? null);
  return { skipped: false, warehouseId: w, level, entry: await record(ex, p, product, level, 'withdrawal', req.quantity, -req.quantity, dReserved, { ref: req.ref, serials }) };
}

/** Goods back from a customer: on_hand and available +n; serial-tracked products name the serials returned. */
export async function returnStock(ex: Executor, p: Principal | null, req: StockRequest): Promise<StockResult> {
  checkQuantity(req.quantity);
  const product = await productOf(ex, req.productId);
  if (product.kind === 'service') return skipped;
  const serials = checkSerials(product, req.serials, req.quantity);
  const w = await warehouseOf(ex, req.warehouseId, product.id, null, false);
  await returnSerials(ex, product.id, w, serials, req.ref ?? null);
  const level = await changeLevel(ex, product, w, req.quantity, 0, 0, null);
  return { skipped: false, warehouseId: w, level, entry: await record(ex, p, product, level, 'return', req.quantity, req.quantity, 0, { ref: req.ref, serials }) };
}

/** A count correction of `delta` units (±) with a required reason (400 naming `reason`). */
export async function adjustStock(ex: Executor, p: Principal | null, req: { productId: string; warehouseId: string; delta: number; reason?: string | null; serials?: string[] }): Promise<StockResult> {
  if (!req.reason?.trim()) throw invalid('reason', 'an adjustment needs a reason');
  if (!Number.isInteger(req.delta) || req.delta === 0 || Math.abs(req.delta) > MAX_UNITS) throw invalid('delta', `must be a whole number other than 0, at most ${MAX_UNITS} either way`);
  const product = await productOf(ex, req.productId);
  if (product.kind === 'service') throw invalid('productId', 'a service has no stock');
  const n = Math.abs(req.delta);
  const serials = checkSerials(product, req.serials, n);
  const w = await warehouseOf(ex, req.warehouseId, product.id, null, false);
  if (req.delta > 0) await receiveSerials(ex, product.id, w, serials, null);
  const level = await changeLevel(ex, product, w, req.delta, 0, n, req.delta < 0 ? 'available' : null);
  if (req.delta < 0) await withdrawSerials(ex, product.id, w, serials, null);
  return { skipped: false, warehouseId: w, level, entry: await record(ex, p, product, level, 'adjustment', n, req.delta, 0, { reason: req.reason.trim(), serials }) };
}

/**
 * Reserves several lines of one document in one call, taking the rows in (product, warehouse) order whatever the
 * lines' order, so two documents with the same products in opposite orders never wait on each other (no deadlock on
 * PostgreSQL). Results come back in the lines' order; a refusal names `lines.<i>.quantity` (or the line's field).
 */
export async function reserveStockLines(ex: Executor, p: Principal | null, lines: StockRequest[]): Promise<StockResult[]> {
  const order = lines.map((l, i) => ({ l, i })).sort((a, b) => a.l.productId.localeCompare(b.l.productId) || String(a.l.warehouseId ?? '').localeCompare(String(b.l.warehouseId ?? '')) || a.i - b.i);
  const out: StockResult[] = new Array(lines.length);
  for (const { l, i } of order) {
    try {
      out[i] = await reserveStock(ex, p, l);
    } catch (e) {
      if (e instanceof AppError && e.fields?.length) {
        throw new AppError(e.code, `lines.${i}.${e.message}`, e.fields.map((f) => ({ path: `lines.${i}.${f.path}`, message: f.message })));
      }
      throw e;
    }
  }
  return out;
}
