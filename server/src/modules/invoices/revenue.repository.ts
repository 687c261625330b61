/**
 * SQL of the revenue report: invoice (and credit note) lines and order lines summed per group and currency, within
 * the caller's visibility scope on invoices (orders). Periods group by month (`YYYY-MM`); quarters fold months.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/records/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export type RevenueGroup = 'month' | 'product' | 'category' | 'owner' | 'company';
export interface RevenueFilter { from: string; to: string; currency?: string | undefined }
export interface SummedRow { key: string | null; currency: string; amount: number; units: number }

/** The grouping expression over a document alias `d` (date column `date`) and its line alias `l`. */
function keyOf(group: RevenueGroup, date: string): RawBuilder<string | null> {
  switch (group) {
    case 'month': return sql<string>`substr(${sql.ref(`d.${date}`)}, 1, 7)`;
    case 'product': return sql<string | null>`l.product_id`;
    case 'category': return sql<string | null>`pr.category`;
    case 'owner': return sql<string | null>`d.owner_id`;
    case 'company': return sql<string | null>`d.company`;
  }
}

const rows = (r: { key: unknown; currency: unknown; amount: unknown; units: unknown }[]): SummedRow[] =>
  r.map((x) => ({ key: x.key === null || x.key === undefined ? null : String(x.key), currency: String(x.currency), amount: Number(x.amount ?? 0), units: Number(x.units ?? 0) }));

export const revenueRepository = {
  /**
   * Net (after discounts, before tax) and units of the lines of invoices and credit notes issued in [from, to] that
   * are neither drafts nor void; a credit note's lines are negative, so they subtract.
   */
  async invoiced(ex: Executor, p: Principal, module: string, group: RevenueGroup, f: RevenueFilter): Promise<SummedRow[]> {
    let q = loose(ex).selectFrom('invoice_lines as l').innerJoin('invoices as d', 'd.id', 'l.invoice_id').leftJoin('products as pr', 'pr.id', 'l.product_id')
      .select([keyOf(group, 'issue_date').as('key'), 'd.currency as currency', sql<string>`sum(l.net)`.as('amount'), sql<string>`sum(l.quantity)`.as('units')])
      .where('d.deleted_at', 'is', null).where('d.status', 'not in', ['draft', 'void'])
      .where('d.issue_date', '>=', f.from).where('d.issue_date', '<=', f.to)
      .where(scopeWhere(p, module, 'd'));
    if (f.currency) q = q.where('d.currency', '=', f.currency);
    return rows(await q.groupBy(sql.raw('1, 2') as never).execute());
  },

  /** Units on the lines of orders dated in [from, to] that are not cancelled (amount: their net). */
  async ordered(ex: Executor, p: Principal, module: string, group: RevenueGroup, f: RevenueFilter): Promise<SummedRow[]> {
    let q = loose(ex).selectFrom('order_lines as l').innerJoin('orders as d', 'd.id', 'l.order_id').leftJoin('products as pr', 'pr.id', 'l.product_id')
      .select([keyOf(group, 'order_date').as('key'), 'd.currency as currency', sql<string>`sum(l.net)`.as('amount'), sql<string>`sum(l.quantity)`.as('units')])
      .where('d.deleted_at', 'is', null).where('d.status', '!=', 'cancelled')
      .where('d.order_date', '>=', f.from).where('d.order_date', '<=', f.to)
      .where(scopeWhere(p, module, 'd'));
    if (f.currency) q = q.where('d.currency', '=', f.currency);
    return rows(await q.groupBy(sql.raw('1, 2') as never).execute());
  },

  /** Names of the groups' ids: products, users or companies. */
  async names(ex: Executor, group: 'product' | 'owner' | 'company', ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const table = group === 'product' ? 'products' : group === 'owner' ? 'users' : 'companies';
    const found = await loose(ex).selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(found.map((r) => [String(r.id), String(r.name ?? '')]));
  },
};
