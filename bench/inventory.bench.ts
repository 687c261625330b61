/**
 * Inventory figure (issue 17): N orders confirmed concurrently against P products — each order reserves 1–3 lines
 * (products in id order, as callers should) in one transaction through `reserveStock`, C transactions in flight.
 * Stock is seeded below demand so that many reservations meet an empty shelf (409). Checked after the run: every
 * level equals its seeded stock minus the units of the orders that committed, nothing is negative, the ledger holds
 * exactly the committed reservations, and no transaction failed with anything but a 409 (no deadlock).
 * The floor: the same orders as bare transactions running only the conditional UPDATE per line, same database,
 * same concurrency, same run.
 * Usage: node bench/run.mjs inventory [--db sqlite|postgres|both] [--orders 1000] [--products 100] [--concurrency 20]
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { newId, nowIso } from '../server/src/platform/ids';
import { reserveStock } from '../server/src/modules/products/index';
import type { Database } from '../server/src/platform/db/db';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const ORDERS = Number(arg('orders', '1000'));
const PRODUCTS = Number(arg('products', '100'));
const CONCURRENCY = Number(arg('concurrency', '20'));
const which = arg('db', 'both');

interface Line { productId: string; quantity: number }

/** Deterministic orders: 1–3 distinct products, 1–3 units each, lines sorted by product id. */
function ordersOf(products: string[]): Line[][] {
  let seed = 17;
  // mulberry32: evenly spread, repeatable.
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  return Array.from({ length: ORDERS }, () => {
    const picked = new Set<string>();
    const lines = 1 + rnd(3);
    while (picked.size < lines) picked.add(products[rnd(products.length)]!);
    return [...picked].sort().map((productId) => ({ productId, quantity: 1 + rnd(3) }));
  });
}

async function pool<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) { const i = next++; await fn(items[i]!, i); }
  }));
}

async function seed(database: Database, warehouseId: string, prefix: string, stockOf: (i: number) => number): Promise<string[]> {
  const db = database.db;
  const now = nowIso();
  const ids: string[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const id = newId();
    ids.push(id);
    await (db as any).insertInto('products').values({
      id, version: 1, owner_id: null, team_id: null, created_at: now, updated_at: now, created_by: null, updated_by: null, deleted_at: null,
      search_text: `${prefix}-${i}`, sku: `${prefix}-${i}`, name: `Product ${i}`, price: 100_000, price_currency: 'VND', tax_rate: '10', kind: 'stock',
      serial_tracked: 0, allow_backorder: 0, status: 'active',
    }).execute();
    const units = stockOf(i);
    await db.insertInto('stock_levels').values({ product_id: id, warehouse_id: warehouseId, on_hand: units, reserved: 0, available: units, updated_at: now }).execute();
  }
  return ids;
}

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-inventorybench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl: cluster?.url };
  const database = await openAndMigrate(config, modules);
  createContext(config, database, modules);
  const db = database.db;
  const now = nowIso();
  const warehouseId = newId();
  await db.insertInto('warehouses').values({ id: warehouseId, name: 'Bench', code: 'BENCH', address: null, is_default: 1, active: 1, created_at: now, updated_at: now }).execute();
  // Demand averages 4 units an order (2 lines of 2); stock covers about 90 % of it, so the last orders meet empty shelves.
  const stockOf = (i: number) => Math.round((ORDERS * 4 / PRODUCTS) * 0.9) + (i % 5);
  const products = await seed(database, warehouseId, 'API', stockOf);
  const orders = ordersOf(products);

  let won = 0;
  let short = 0;
  let committedLines = 0;
  const other: string[] = [];
  const committed = new Map<string, number>();
  let t0 = performance.now();
  await pool(orders, CONCURRENCY, async (lines, i) => {
    try {
      await db.transaction().execute(async (trx) => {
        for (const l of lines) await reserveStock(trx, null, { productId: l.productId, warehouseId, quantity: l.quantity, ref: `order:${i}` });
      });
      won++;
      committedLines += lines.length;
      for (const l of lines) committed.set(l.productId, (committed.get(l.productId) ?? 0) + l.quantity);
    } catch (e) {
      if ((e as { status?: number }).status === 409) short++;
      else other.push(String((e as Error).message));
    }
  });
  const apiMs = performance.now() - t0;

  const levels = await db.selectFrom('stock_levels').selectAll().where('product_id', 'in', products).execute();
  const exact = levels.length === products.length && levels.every((l) => {
    const seeded = stockOf(products.indexOf(l.product_id));
    const taken = committed.get(l.product_id) ?? 0;
    return Number(l.reserved) === taken && Number(l.available) === seeded - taken && Number(l.on_hand) === seeded && Number(l.available) >= 0;
  });
  const ledger = await db.selectFrom('stock_ledger').select((eb) => eb.fn.countAll<number>().as('n')).where('product_id', 'in', products).executeTakeFirstOrThrow();

  // Floor: the same orders, each a bare transaction with only the conditional UPDATE per line.
  const rawProducts = await seed(database, warehouseId, 'RAW', stockOf);
  const map = new Map(products.map((p, i) => [p, rawProducts[i]!]));
  let rawWon = 0;
  t0 = performance.now();
  await pool(orders, CONCURRENCY, async (lines) => {
    try {
      await db.transaction().execute(async (trx) => {
        for (const l of lines) {
          const r = await trx.updateTable('stock_levels').set({ reserved: sql`reserved + ${l.quantity}`, available: sql`available - ${l.quantity}`, updated_at: nowIso() })
            .where('product_id', '=', map.get(l.productId)!).where('warehouse_id', '=', warehouseId).where('available', '>=', l.quantity).executeTakeFirst();
          if (Number(r.numUpdatedRows) === 0) throw Object.assign(new Error('short'), { status: 409 });
        }
      });
      rawWon++;
    } catch (e) {
      if ((e as { status?: number }).status !== 409) other.push(`raw: ${String((e as Error).message)}`);
    }
  });
  const rawMs = performance.now() - t0;
  const result = {
    dialect, orders: ORDERS, products: PRODUCTS, concurrency: CONCURRENCY, committed: won, refused409: short, otherErrors: other.length,
    levelsExact: exact, ledgerRows: Number(ledger.n), ledgerExact: Number(ledger.n) === committedLines,
    apiSeconds: +(apiMs / 1000).toFixed(2), apiOrdersPerSecond: Math.round(ORDERS / (apiMs / 1000)),
    rawSeconds: +(rawMs / 1000).toFixed(2), rawOrdersPerSecond: Math.round(ORDERS / (rawMs / 1000)), rawCommitted: rawWon,
    ratio: +(apiMs / rawMs).toFixed(2),
  };
  console.log(JSON.stringify(result));
  if (other.length) console.log('other errors:', [...new Set(other)].slice(0, 5));
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/inventory-${dialect}.json`, JSON.stringify(result, null, 2));
  await database.close();
  await cluster?.stop();
}


for (const d of which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres']) await run(d);
