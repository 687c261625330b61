/** The orders module's SQL: lines, shipments, the order row lock, and the few reads of deals' and products' tables it needs. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { OrderLinesTable, OrderShipmentLinesTable, OrderShipmentsTable } from './orders.tables.js';
import './orders.tables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export type OrderLineRow = Selectable<OrderLinesTable>;
export type ShipmentRow = Selectable<OrderShipmentsTable>;
export type ShipmentLineRow = Selectable<OrderShipmentLinesTable>;

export const ordersRepository = {
  /** Locks the order for the rest of the transaction (a no-op UPDATE: PostgreSQL's row lock, SQLite's write lock). */
  async lock(ex: Executor, id: string): Promise<void> {
    await loose(ex).updateTable('orders').set({ version: sql`version` }).where('id', '=', id).execute();
  },
  lines: (ex: Executor, orderId: string) => ex.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('position').execute(),
  async replaceLines(ex: Executor, orderId: string, rows: OrderLineRow[]): Promise<void> {
    await ex.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
    if (rows.length) await ex.insertInto('order_lines').values(rows).execute();
  },
  async addShipped(ex: Executor, lineId: string, quantity: number): Promise<void> {
    await ex.updateTable('order_lines').set((eb) => ({ shipped: eb('shipped', '+', quantity) })).where('id', '=', lineId).execute();
  },
  shipments: (ex: Executor, orderId: string) => ex.selectFrom('order_shipments').selectAll().where('order_id', '=', orderId).orderBy('shipped_at').orderBy('id').execute(),
  shipment: (ex: Executor, id: string) => ex.selectFrom('order_shipments').selectAll().where('id', '=', id).executeTakeFirst(),
  async shipmentLines(ex: Executor, shipmentIds: string[]): Promise<ShipmentLineRow[]> {
    if (!shipmentIds.length) return [];
    return ex.selectFrom('order_shipment_lines').selectAll().where('shipment_id', 'in', shipmentIds).orderBy('id').execute();
  },
  async insertShipment(ex: Executor, row: ShipmentRow, lines: ShipmentLineRow[]): Promise<void> {
    await ex.insertInto('order_shipments').values(row).execute();
    if (lines.length) await ex.insertInto('order_shipment_lines').values(lines).execute();
  },
  async setShipmentStatus(ex: Executor, ids: string[], status: string, deliveredAt?: string): Promise<void> {
    if (!ids.length) return;
    await ex.updateTable('order_shipments').set({ status, ...(deliveredAt ? { delivered_at: deliveredAt } : {}) }).where('id', 'in', ids).execute();
  },
  /** A live order (raw row), e.g. to check a deal already has one. */
  async liveOrderOfDeal(ex: Executor, dealId: string): Promise<string | undefined> {
    const r = await loose(ex).selectFrom('orders').select('id').where('deal', '=', dealId).where('deleted_at', 'is', null).where('status', '!=', 'cancelled').executeTakeFirst();
    return r ? String(r.id) : undefined;
  },
  async liveOrderOfQuote(ex: Executor, quoteId: string): Promise<string | undefined> {
    const r = await loose(ex).selectFrom('orders').select('id').where('quote', '=', quoteId).where('deleted_at', 'is', null).where('status', '!=', 'cancelled').executeTakeFirst();
    return r ? String(r.id) : undefined;
  },
  /** The live order taken in from an e-commerce integration under `ref` (`<source>:<externalId>`). */
  async orderByExternalRef(ex: Executor, ref: string): Promise<string | undefined> {
    const r = await loose(ex).selectFrom('orders').select('id').where('external_ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
    return r ? String(r.id) : undefined;
  },
  /** Live, active products by (upper-case) SKU, with their VAT rate in percent (the products module's table; read only). */
  async productsBySku(ex: Executor, skus: string[]): Promise<Map<string, { id: string; sku: string; name: string; taxRate: number }>> {
    if (!skus.length) return new Map();
    const rows = await loose(ex).selectFrom('products').select(['id', 'sku', 'name', 'tax_rate']).where('sku', 'in', [...new Set(skus)])
      .where('deleted_at', 'is', null).where((eb) => eb.or([eb('status', 'is', null), eb('status', '!=', 'archived')])).execute();
    return new Map(rows.map((r) => [String(r.sku), { id: String(r.id), sku: String(r.sku), name: String(r.name ?? r.sku), taxRate: Number(r.tax_rate ?? 0) }]));
  },
  /** The company a contact works at (the contacts module's table; read only). */
  contactCompany: async (ex: Executor, contactId: string) => (await ex.selectFrom('contacts').select('company_id').where('id', '=', contactId).executeTakeFirst())?.company_id ?? undefined,
  /** The deal's line items (the deals module's table; read only). */
  dealLineItems: (ex: Executor, dealId: string) => ex.selectFrom('deal_line_items').selectAll().where('deal_id', '=', dealId).orderBy('position').execute(),
  /** VAT rates (percent) of products (the products module's table; read only). */
  async productTaxRates(ex: Executor, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await loose(ex).selectFrom('products').select(['id', 'tax_rate']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [String(r.id), Number(r.tax_rate ?? 0)]));
  },
  /** A pipeline's stage whose English name is one of `names` (case-insensitive), with its position. */
  async stageNamed(ex: Executor, pipelineId: string, names: string[]): Promise<{ id: string; position: number } | undefined> {
    const stages = await ex.selectFrom('pipeline_stages').select(['id', 'name', 'position']).where('pipeline_id', '=', pipelineId).orderBy('position').execute();
    const s = stages.find((x) => names.includes(x.name.trim().toLowerCase()));
    return s ? { id: s.id, position: Number(s.position) } : undefined;
  },
  stagePosition: async (ex: Executor, stageId: string) => Number((await ex.selectFrom('pipeline_stages').select('position').where('id', '=', stageId).executeTakeFirst())?.position ?? -1),
};
