/**
 * Inventory over HTTP: warehouses (audited, entity `warehouse`), receipts and adjustments (each one transaction; the
 * stock ledger is their record), levels, ledger pages and serials. The movements themselves are stock.ts.
 */
import type { AdjustmentInput, LedgerEntry, ReceiptInput, StockLevel, Warehouse, WarehouseInput } from '../../../../contracts/inventory.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { definitionOf, reads } from '../../platform/records/index.js';
import type { StockLedgerTable, StockLevelsTable, WarehousesTable } from './products.tables.js';
import { adjustStock, receiveStock } from './stock.js';

export function presentWarehouse(w: WarehousesTable): Warehouse {
  return { id: w.id, name: w.name, code: w.code, address: w.address, isDefault: w.is_default === 1, active: w.active === 1, createdAt: w.created_at, updatedAt: w.updated_at };
}
export function presentEntry(e: StockLedgerTable): LedgerEntry {
  return {
    id: e.id, productId: e.product_id, warehouseId: e.warehouse_id, kind: e.kind as LedgerEntry['kind'], quantity: Number(e.quantity),
    onHandDelta: Number(e.on_hand_delta), reservedDelta: Number(e.reserved_delta), onHandAfter: Number(e.on_hand_after), reservedAfter: Number(e.reserved_after),
    reason: e.reason, ref: e.ref, serials: JSON.parse(e.serials) as string[], actorId: e.actor_id, at: e.at,
  };
}

/** The product must exist and be visible to the caller (404 like a missing record otherwise). */
export async function visibleProduct(ex: Executor, p: Principal, id: string): Promise<void> {
  const { def, defs } = await definitionOf(ex, 'products');
  await reads.get(ex, def, defs, p, id);
}

async function levelOut(ex: Executor, l: StockLevelsTable): Promise<StockLevel> {
  const w = await ex.selectFrom('warehouses').select(['name', 'code']).where('id', '=', l.warehouse_id).executeTakeFirstOrThrow();
  return { productId: l.product_id, warehouseId: l.warehouse_id, warehouseName: w.name, warehouseCode: w.code, onHand: Number(l.on_hand), reserved: Number(l.reserved), available: Number(l.available), updatedAt: l.updated_at };
}

export const inventoryService = {
  listWarehouses: async (db: Executor) => (await db.selectFrom('warehouses').selectAll().orderBy('is_default', 'desc').orderBy('name').orderBy('id').execute()).map(presentWarehouse),

  async saveWarehouse(database: Database, p: Principal, id: string | null, input: WarehouseInput): Promise<Warehouse> {
    return database.db.transaction().execute(async (trx) => {
      const old = id ? await trx.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst() : null;
      if (id && !old) throw notFound('warehouse');
      const code = input.code.toUpperCase();
      const clash = await trx.selectFrom('warehouses').select('id').where('code', '=', code).executeTakeFirst();
      if (clash && clash.id !== id) throw new AppError('duplicate', 'code: another warehouse has this code', [{ path: 'code', message: 'another warehouse has this code' }]);
      const now = nowIso();
      const set = { name: input.name, code, address: input.address || null, is_default: input.isDefault ? 1 : 0, active: input.active === false ? 0 : 1, updated_at: now };
      const key = id ?? newId();
      const first = !(await trx.selectFrom('warehouses').select('id').executeTakeFirst());
      if (first) set.is_default = 1;
      if (set.is_default === 1) await trx.updateTable('warehouses').set({ is_default: 0 }).where('id', '!=', key).execute();
      if (id) await trx.updateTable('warehouses').set(set).where('id', '=', id).execute();
      else await trx.insertInto('warehouses').values({ id: key, created_at: now, ...set }).execute();
      const after = presentWarehouse(await trx.selectFrom('warehouses').selectAll().where('id', '=', key).executeTakeFirstOrThrow());
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: id ? 'update' : 'create', entity: 'warehouse', entityId: key, before: old ? presentWarehouse(old) : null, after });
      return after;
    });
  },

  async receive(database: Database, p: Principal, input: ReceiptInput) {
    return database.db.transaction().execute(async (trx) => {
      await visibleProduct(trx, p, input.productId);
      const r = await receiveStock(trx, p, { productId: input.productId, warehouseId: input.warehouseId, quantity: input.quantity, serials: input.serials, ref: input.ref ?? null, note: input.note ?? null });
      return { level: await levelOut(trx, r.level!), entry: presentEntry(r.entry!) };
    });
  },

  async adjust(database: Database, p: Principal, input: AdjustmentInput) {
    return database.db.transaction().execute(async (trx) => {
      await visibleProduct(trx, p, input.productId);
      const r = await adjustStock(trx, p, input);
      return { level: await levelOut(trx, r.level!), entry: presentEntry(r.entry!) };
    });
  },

  async levels(db: Executor, p: Principal, productId: string) {
    await visibleProduct(db, p, productId);
    const rows = await db.selectFrom('stock_levels as l').innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
      .select(['l.product_id', 'l.warehouse_id', 'l.on_hand', 'l.reserved', 'l.available', 'l.updated_at', 'w.name', 'w.code'])
      .where('l.product_id', '=', productId).orderBy('w.is_default', 'desc').orderBy('w.name').execute();
    const data: StockLevel[] = rows.map((l) => ({ productId: l.product_id, warehouseId: l.warehouse_id, warehouseName: l.name, warehouseCode: l.code, onHand: Number(l.on_hand), reserved: Number(l.reserved), available: Number(l.available), updatedAt: l.updated_at }));
    const totals = data.reduce((t, l) => ({ onHand: t.onHand + l.onHand, reserved: t.reserved + l.reserved, available: t.available + l.available }), { onHand: 0, reserved: 0, available: 0 });
    const product = await db.selectFrom('products').select('reorder_level').where('id', '=', productId).executeTakeFirst();
    const reorderLevel = product?.reorder_level === null || product?.reorder_level === undefined ? null : Number(product.reorder_level);
    return { data, totals, reorderLevel, low: reorderLevel !== null && totals.available < reorderLevel };
  },

  async ledger(db: Executor, p: Principal, q: { productId?: string; warehouseId?: string; limit: number; before?: string }) {
    if (q.productId) await visibleProduct(db, p, q.productId);
    let s = db.selectFrom('stock_ledger').selectAll();
    if (q.productId) s = s.where('product_id', '=', q.productId);
    if (q.warehouseId) s = s.where('warehouse_id', '=', q.warehouseId);
    if (q.before) s = s.where('id', '<', q.before);
    const rows = await s.orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    return { data: page.map(presentEntry), nextBefore: rows.length > q.limit ? page.at(-1)!.id : null };
  },

  async serials(db: Executor, p: Principal, q: { productId: string; status?: string; warehouseId?: string }) {
    await visibleProduct(db, p, q.productId);
    let s = db.selectFrom('stock_serials').selectAll().where('product_id', '=', q.productId);
    if (q.status) s = s.where('status', '=', q.status);
    if (q.warehouseId) s = s.where('warehouse_id', '=', q.warehouseId);
    const rows = await s.orderBy('serial').limit(5000).execute();
    return { data: rows.map((r) => ({ serial: r.serial, productId: r.product_id, warehouseId: r.warehouse_id, status: r.status as 'in_stock' | 'withdrawn', receivedAt: r.received_at, withdrawnAt: r.withdrawn_at, ref: r.ref })) };
  },
};
