/** Forecast and quota use cases: figures per owner/team/pipeline for a period, the drill-down, quotas by scope. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ForecastResult, ForecastRow, Quota, forecastDealsQuery, forecastQuery, quotaInput } from '../../../../contracts/forecast.js';
import { can, scopeOf, type Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan, scopeWhere } from '../../platform/records/index.js';
import { attainment, categoryOf, currentQuarter, periodRange, quotaFor } from './forecast.logic.js';
import { forecastRepository as repo, type Filter } from './forecast.repository.js';

type Query = z.output<typeof forecastQuery>;
type DealsQuery = z.output<typeof forecastDealsQuery>;
type QuotaInput = z.output<typeof quotaInput>;

/** The zone the default period is taken in (the seeds' market). */
export const forecastConfig = { timeZone: 'Asia/Ho_Chi_Minh' };

const invalid = (path: string, message: string) => new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);

function filterOf(p: Principal, q: Query): { period: string; range: ReturnType<typeof periodRange>; filter: Filter } {
  const period = q.period ?? currentQuarter(new Date(), forecastConfig.timeZone);
  const range = periodRange(period);
  return { period, range, filter: { from: range.from, to: range.to, currency: q.currency, pipeline: q.pipeline, scope: scopeWhere(p, 'deals', 'd') } };
}

/** May `p` see (and, with manage, set) the quota of a user in `teamId`? Same rule as the deals scope. */
function inQuotaScope(p: Principal, userId: string, teamId: string | null): boolean {
  if (userId === p.userId) return true;
  const scope = p.isAdmin ? 'all' : scopeOf(p, 'deals');
  if (scope === 'all') return true;
  return scope === 'team' && teamId !== null && p.teamIds.includes(teamId);
}

const empty = (): Omit<ForecastRow, 'key' | 'label'> => ({ won: 0, commit: 0, bestCase: 0, pipeline: 0, weighted: 0, deals: 0, quota: null, attainment: null });

export const forecastService = {
  async forecast(ex: Executor, p: Principal, q: Query): Promise<ForecastResult> {
    assertCan(p, 'deals', 'read');
    const { period, range, filter } = filterOf(p, q);
    const rows = new Map<string, Omit<ForecastRow, 'key' | 'label'>>();
    const row = (key: string) => rows.get(key) ?? rows.set(key, empty()).get(key)!;
    const others = new Map<string, number>();
    for (const a of await repo.aggregate(ex, q.by, filter)) {
      if (a.currency !== q.currency) {
        if (a.currency !== null) others.set(a.currency, (others.get(a.currency) ?? 0) + a.deals);
        continue;
      }
      const cat = categoryOf(a.status, a.category);
      if (cat === 'lost' || cat === 'omitted') continue;
      const r = row(a.grp ?? 'none');
      r.deals += a.deals;
      if (cat === 'won') r.won += a.amount;
      else {
        if (cat === 'commit') r.commit += a.amount;
        else if (cat === 'best_case') r.bestCase += a.amount;
        else r.pipeline += a.amount;
        r.weighted += Math.round(a.weighted);
      }
    }
    if (q.by !== 'pipeline') {
      const quotas = await repo.quotas(ex, [period, ...range.months], q.currency);
      const teams = await repo.teamsOf(ex, [...quotas.keys()]);
      for (const [userId, byPeriod] of quotas) {
        const teamId = teams.get(userId) ?? null;
        if (!inQuotaScope(p, userId, teamId)) continue;
        const amount = quotaFor(period, range.months, byPeriod);
        if (amount === null) continue;
        const key = q.by === 'owner' ? userId : teamId ?? 'none';
        const r = row(key);
        r.quota = (r.quota ?? 0) + amount;
      }
    }
    const labels = await repo.labels(ex, q.by, [...rows.keys()].filter((k) => k !== 'none'));
    const out: ForecastRow[] = [...rows.entries()].map(([key, r]) => ({
      key, label: key === 'none' ? (q.by === 'owner' ? 'Unassigned' : q.by === 'team' ? 'No team' : 'No pipeline') : labels.get(key) ?? key,
      ...r, attainment: attainment(r.won, r.quota),
    }));
    out.sort((a, b) => b.won + b.commit - (a.won + a.commit) || a.label.localeCompare(b.label));
    const totals = empty();
    for (const r of out) {
      for (const k of ['won', 'commit', 'bestCase', 'pipeline', 'weighted', 'deals'] as const) totals[k] += r[k];
      if (r.quota !== null) totals.quota = (totals.quota ?? 0) + r.quota;
    }
    totals.attainment = attainment(totals.won, totals.quota);
    return { period: { key: period, from: range.from, to: range.to }, currency: q.currency, by: q.by, rows: out, totals,
      otherCurrencies: [...others.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, deals]) => ({ currency, deals })) };
  },

  /** The deals behind one figure (a row's key and a category), biggest first, at most 200. */
  async deals(ex: Executor, p: Principal, q: DealsQuery) {
    assertCan(p, 'deals', 'read');
    const { filter } = filterOf(p, q);
    const cond = {
      all: sql`(d.status in ('open', 'won') and coalesce(d.forecast_category, 'pipeline') <> 'omitted' or d.status = 'won')`,
      won: sql`d.status = 'won'`,
      commit: sql`d.status = 'open' and d.forecast_category = 'commit'`,
      best_case: sql`d.status = 'open' and d.forecast_category = 'best_case'`,
      pipeline: sql`d.status = 'open' and coalesce(d.forecast_category, 'pipeline') = 'pipeline'`,
    }[q.category];
    const lines = await repo.deals(ex, q.by, q.key, filter, cond as never, 201);
    return {
      data: lines.slice(0, 200).map((d) => {
        const c = categoryOf(d.status, d.forecast_category);
        return {
          id: d.id, name: d.name ?? '', amount: d.amount, currency: d.currency, category: (c === 'lost' || c === 'omitted' ? 'all' : c) as 'won' | 'commit' | 'best_case' | 'pipeline' | 'all',
          probability: d.probability ?? 0, stage: d.stage ?? '', closeDate: d.close_date, ownerId: d.owner_id,
        };
      }),
      more: lines.length > 200,
    };
  },

  async quotas(ex: Executor, p: Principal, period: string | undefined): Promise<{ data: Quota[]; canManage: boolean }> {
    assertCan(p, 'deals', 'read');
    let q = ex.selectFrom('quotas').innerJoin('users', 'users.id', 'quotas.user_id')
      .select(['quotas.id', 'quotas.user_id', 'users.name', 'users.team_id', 'quotas.period', 'quotas.amount', 'quotas.currency', 'quotas.updated_at']);
    if (period) q = q.where('quotas.period', 'in', [period, ...periodRange(period).months]);
    const rows = await q.orderBy('quotas.period').orderBy('users.name').execute();
    return {
      data: rows.filter((r) => inQuotaScope(p, r.user_id, r.team_id)).map((r) => ({
        id: r.id, userId: r.user_id, userName: r.name, period: r.period, amount: Number(r.amount), currency: r.currency, updatedAt: r.updated_at,
      })),
      canManage: p.isAdmin || can(p, 'deals', 'manage'),
    };
  },

  /** Sets a user's quota for a period (deals `manage`; the user must lie within the manager's deals scope). */
  async setQuota(database: Database, p: Principal, input: QuotaInput): Promise<Quota> {
    if (!p.isAdmin && !can(p, 'deals', 'manage')) throw new AppError('forbidden', 'Setting quotas needs the manage right on deals');
    return database.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select(['id', 'name', 'team_id']).where('id', '=', input.userId).executeTakeFirst();
      if (!user) throw invalid('userId', 'no such user');
      if (!inQuotaScope(p, user.id, user.team_id)) throw invalid('userId', 'this user lies outside your scope');
      const existing = await trx.selectFrom('quotas').selectAll().where('user_id', '=', input.userId).where('period', '=', input.period).executeTakeFirst();
      const now = nowIso();
      let id: string;
      if (existing) {
        id = existing.id;
        await trx.updateTable('quotas').set({ amount: input.amount, currency: input.currency, updated_at: now, updated_by: p.userId }).where('id', '=', id).execute();
      } else {
        id = newId();
        await trx.insertInto('quotas').values({ id, user_id: input.userId, period: input.period, amount: input.amount, currency: input.currency, created_at: now, updated_at: now, updated_by: p.userId }).execute();
      }
      await appendAudit(trx, {
        actor: { id: p.userId, label: p.email }, action: existing ? 'update' : 'create', entity: 'quota', entityId: id,
        before: existing ? { amount: Number(existing.amount), currency: existing.currency } : null, after: { userId: input.userId, period: input.period, amount: input.amount, currency: input.currency },
      });
      return { id, userId: user.id, userName: user.name, period: input.period, amount: input.amount, currency: input.currency, updatedAt: now };
    });
  },

  async removeQuota(database: Database, p: Principal, id: string): Promise<void> {
    if (!p.isAdmin && !can(p, 'deals', 'manage')) throw new AppError('forbidden', 'Setting quotas needs the manage right on deals');
    await database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('quotas').innerJoin('users', 'users.id', 'quotas.user_id').select(['quotas.id', 'quotas.user_id', 'users.team_id', 'quotas.amount', 'quotas.period']).where('quotas.id', '=', id).executeTakeFirst();
      if (!row || !inQuotaScope(p, row.user_id, row.team_id)) throw notFound('quota');
      await trx.deleteFrom('quotas').where('id', '=', id).execute();
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'delete', entity: 'quota', entityId: id, before: { userId: row.user_id, period: row.period, amount: Number(row.amount) }, after: null });
    });
  },
};
