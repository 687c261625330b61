/**
 * Price lists (`/api/v1/price-lists`): CRUD with their entries (quantity breaks). Each write is one transaction with
 * its audit entry (entity `price_list`);
 * bad input → 400 naming the field (unknown currency, validTo before validFrom, an unknown product, a break listed twice).
 */
import type { PriceListDetail, PriceListInput, PriceList, ProductPriceEntry } from '../../../../contracts/products.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { PriceListsTable } from './products.tables.js';

const currencies = new Set(Intl.supportedValuesOf('currency'));

function present(r: PriceListsTable, itemCount: number): PriceList {
  return {
    id: r.id, name: r.name, currency: r.currency, customerGroup: r.customer_group, validFrom: r.valid_from, validTo: r.valid_to,
    active: r.active === 1, itemCount, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

async function check(trx: Executor, input: PriceListInput): Promise<void> {
  if (!currencies.has(input.currency.toUpperCase())) throw invalid('currency', 'expected an ISO 4217 code such as VND or USD');
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) throw invalid('validTo', 'must not be before validFrom');
  const items = input.items ?? [];
  const ids = [...new Set(items.map((i) => i.productId))];
  const known = new Set(ids.length ? (await trx.selectFrom('products').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute()).map((r) => r.id) : []);
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (!known.has(it.productId)) throw invalid(`items.${i}.productId`, 'no such product');
    const key = `${it.productId}:${it.minQuantity}`;
    if (seen.has(key)) throw invalid(`items.${i}.minQuantity`, 'this product already has a price from this quantity in the list');
    seen.add(key);
  });
}

export const priceListsService = {
  async list(db: Executor): Promise<PriceList[]> {
    const rows = await db.selectFrom('price_lists').selectAll().orderBy('name').orderBy('id').execute();
    const counts = await db.selectFrom('price_list_items').select(['price_list_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('price_list_id').execute();
    const byList = new Map(counts.map((c) => [c.price_list_id, Number(c.n)]));
    return rows.map((r) => present(r, byList.get(r.id) ?? 0));
  },

  async get(db: Executor, id: string): Promise<PriceListDetail> {
    const row = await db.selectFrom('price_lists').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('price list');
    const items = await db.selectFrom('price_list_items as i').leftJoin('products as p', 'p.id', 'i.product_id')
      .select(['i.id', 'i.product_id', 'i.min_quantity', 'i.unit_price', 'p.name', 'p.sku'])
      .where('i.price_list_id', '=', id).orderBy('p.name').orderBy('i.product_id').orderBy('i.min_quantity').execute();
    return {
      ...present(row, items.length),
      items: items.map((i) => ({ id: i.id, productId: i.product_id, productName: i.name ?? null, sku: i.sku ?? null, minQuantity: Number(i.min_quantity), unitPrice: Number(i.unit_price) })),
    };
  },

  async save(database: Database, p: Principal, id: string | null, input: PriceListInput): Promise<PriceListDetail> {
    return database.db.transaction().execute(async (trx) => {
      if (id && !(await trx.selectFrom('price_lists').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('price list');
      const before = id ? await this.get(trx, id) : null;
      await check(trx, input);
      const now = nowIso();
      const set = {
        name: input.name, currency: input.currency.toUpperCase(), customer_group: input.customerGroup || null, valid_from: input.validFrom ?? null,
        valid_to: input.validTo ?? null, active: input.active === false ? 0 : 1, updated_at: now,
      };
      const key = id ?? newId();
      if (id) await trx.updateTable('price_lists').set(set).where('id', '=', id).execute();
      else await trx.insertInto('price_lists').values({ id: key, created_at: now, ...set }).execute();
      if (input.items) {
        await trx.deleteFrom('price_list_items').where('price_list_id', '=', key).execute();
        for (const it of input.items) {
          await trx.insertInto('price_list_items').values({ id: newId(), price_list_id: key, product_id: it.productId, min_quantity: it.minQuantity, unit_price: it.unitPrice }).execute();
        }
      }
      const after = await this.get(trx, key);
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: id ? 'update' : 'create', entity: 'price_list', entityId: key, before, after });
      return after;
    });
  },

  async remove(database: Database, p: Principal, id: string): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      if (!(await trx.selectFrom('price_lists').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('price list');
      const before = await this.get(trx, id);
      await trx.deleteFrom('price_list_items').where('price_list_id', '=', id).execute();
      await trx.deleteFrom('price_lists').where('id', '=', id).execute();
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'delete', entity: 'price_list', entityId: id, before, after: null });
    });
  },

  /** Every list entry of one product, lists by name then breaks ascending. */
  async ofProduct(db: Executor, productId: string): Promise<ProductPriceEntry[]> {
    const rows = await db.selectFrom('price_list_items as i').innerJoin('price_lists as l', 'l.id', 'i.price_list_id')
      .select(['l.id', 'l.name', 'l.currency', 'l.customer_group', 'l.valid_from', 'l.valid_to', 'l.active', 'i.min_quantity', 'i.unit_price'])
      .where('i.product_id', '=', productId).orderBy('l.name').orderBy('l.id').orderBy('i.min_quantity').execute();
    return rows.map((r) => ({
      priceListId: r.id, priceListName: r.name, currency: r.currency, customerGroup: r.customer_group, validFrom: r.valid_from, validTo: r.valid_to,
      active: r.active === 1, minQuantity: Number(r.min_quantity), unitPrice: Number(r.unit_price),
    }));
  },
};
