/**
 * The forecast's SQL: one aggregate over the live deals of a period (grouped by owner, team or pipeline and
 * category), the drill-down page, and quotas. Deals are the records engine's `deals` table; which rows a caller may
 * see comes from the engine's scope rule (`scopeWhere`).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/db.js';

export interface Aggregate { grp: string | null; currency: string | null; status: string | null; category: string | null; amount: number; weighted: number; deals: number }
export interface DealLine { id: string; name: string; amount: number; currency: string; status: string | null; forecast_category: string | null; probability: number | null; stage: string | null; close_date: string | null; owner_id: string | null }

const groupColumn = { owner: sql.ref('d.owner_id'), team: sql.ref('d.team_id'), pipeline: sql.ref('d.pipeline') } as const;


export interface Filter { from: string; to: string; currency: string; pipeline?: string; scope: RawBuilder<SqlBool> }

function where(f: Filter, currency = true): RawBuilder<SqlBool> {
  // A deal counts on its close date (the deals module sets a closed deal's close date to its closing day when it
  // has none). One range over the close-date index.
  const inPeriod = sql`d.close_date between ${f.from} and ${f.to}`;
  const parts: RawBuilder<unknown>[] = [sql`d.deleted_at is null`, inPeriod, f.scope];
  if (currency) parts.push(sql`d.amount_currency = ${f.currency}`);
  if (f.pipeline) parts.push(sql`d.pipeline = ${f.pipeline}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

export const forecastRepository = {
  /**
   * Sums per group × currency × status × category (weighted = amount × probability / 100 of open deals), every
   * currency in one pass: the caller keeps its currency's rows and counts the others.
   */
  async aggregate(ex: Executor, by: keyof typeof groupColumn, f: Filter): Promise<Aggregate[]> {
    const g = groupColumn[by];
    const r = await sql<Aggregate>`
      select ${g} as grp, d.amount_currency as currency, d.status as status, d.forecast_category as category,
             coalesce(sum(d.amount), 0) as amount,
             coalesce(sum(case when d.status = 'open' then d.amount * coalesce(d.probability, 0) / 100.0 else 0 end), 0) as weighted,
             count(*) as deals
      from deals as d where ${where(f, false)}
      group by ${g}, d.amount_currency, d.status, d.forecast_category`.execute(ex);
    return r.rows.map((x) => ({ ...x, amount: Number(x.amount), weighted: Number(x.weighted), deals: Number(x.deals) }));
  },

  /** Deals of the period for a drill-down, biggest first. */
  async deals(ex: Executor, by: keyof typeof groupColumn, key: string | undefined, f: Filter, extra: RawBuilder<SqlBool>, limit: number): Promise<DealLine[]> {
    const g = groupColumn[by];
    const keyCond = key === undefined ? sql`1 = 1` : key === 'none' ? sql`${g} is null` : sql`${g} = ${key}`;
    const r = await sql<DealLine>`
      select d.id, d.name, d.amount, d.amount_currency as currency, d.status, d.forecast_category, d.probability, d.stage, d.close_date, d.owner_id
      from deals as d where ${where(f)} and ${keyCond} and ${extra}
      order by d.amount desc, d.id limit ${limit}`.execute(ex);
    return r.rows.map((x) => ({ ...x, amount: Number(x.amount ?? 0), probability: x.probability === null ? null : Number(x.probability) }));
  },

  async labels(ex: Executor, by: keyof typeof groupColumn, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    if (by === 'owner') return new Map((await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', keys).execute()).map((u) => [u.id, u.name]));
    if (by === 'team') return new Map((await ex.selectFrom('teams').select(['id', 'name']).where('id', 'in', keys).execute()).map((t) => [t.id, t.name]));
    return new Map((await ex.selectFrom('pipelines').select(['id', 'name', 'name_vi']).where('id', 'in', keys).execute()).map((p) => [p.id, p.name]));
  },

  /** Quotas of these periods, by user: Map<userId, Map<period, amount>>. */
  async quotas(ex: Executor, periods: string[], currency: string): Promise<Map<string, Map<string, number>>> {
    const rows = await ex.selectFrom('quotas').select(['user_id', 'period', 'amount']).where('period', 'in', periods).where('currency', '=', currency).execute();
    const out = new Map<string, Map<string, number>>();
    for (const r of rows) {
      if (!out.has(r.user_id)) out.set(r.user_id, new Map());
      out.get(r.user_id)!.set(r.period, Number(r.amount));
    }
    return out;
  },

  async teamsOf(ex: Executor, userIds: string[]): Promise<Map<string, string | null>> {
    if (userIds.length === 0) return new Map();
    return new Map((await ex.selectFrom('users').select(['id', 'team_id']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.team_id]));
  },
};
