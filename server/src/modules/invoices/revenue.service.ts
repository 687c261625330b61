/**
 * The revenue report (`GET /reports/revenue`): invoiced net revenue and units per month, quarter, product, category,
 * invoice owner or company, per currency, with the units ordered in the same period beside them. Invoices within
 * the caller's scope on invoices; ordered units within its scope on orders (null without orders read).
 */
import type { z } from 'zod';
import type { revenueQuery, RevenueResult } from '../../../../contracts/invoices.js';
import { can, type Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { invalid } from '../../platform/http/errors.js';
import { revenueRepository as repo, type RevenueGroup, type SummedRow } from './revenue.repository.js';

/** Groups returned at most (the largest net kept; totals still count every group). */
export const REVENUE_ROWS_CAP = 1000;
const MAX_DAYS = 1830;

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
const calendarDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const revenueService = {
  async report(ex: Executor, p: Principal, q: z.output<typeof revenueQuery>): Promise<RevenueResult> {
    if (!calendarDay(q.from)) throw invalid('from', 'not a calendar day');
    if (!calendarDay(q.to)) throw invalid('to', 'not a calendar day');
    if (q.to < q.from) throw invalid('to', 'must not be before from');
    if (daysBetween(q.from, q.to) > MAX_DAYS) throw invalid('to', `at most ${MAX_DAYS} days after from`);
    const group: RevenueGroup = q.groupBy === 'quarter' ? 'month' : q.groupBy;
    const f = { from: q.from, to: q.to, currency: q.currency };
    const fold = (r: SummedRow) => (q.groupBy === 'quarter' && r.key ? quarterOf(r.key) : r.key);

    type Acc = { key: string | null; currency: string; net: number; units: number; orderedUnits: number | null };
    const groups = new Map<string, Acc>();
    const at = (key: string | null, currency: string) => {
      const id = `${key ?? ''}\u0000${currency}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { key, currency, net: 0, units: 0, orderedUnits: null }));
      return g;
    };
    for (const r of await repo.invoiced(ex, p, 'invoices', group, f)) {
      const g = at(fold(r), r.currency);
      g.net += r.amount;
      g.units += r.units;
    }
    const mayOrders = can(p, 'orders', 'read');
    if (mayOrders) {
      for (const r of await repo.ordered(ex, p, 'orders', group, f)) {
        const g = at(fold(r), r.currency);
        g.orderedUnits = (g.orderedUnits ?? 0) + r.units;
      }
      for (const g of groups.values()) g.orderedUnits ??= 0;
    }

    const all = [...groups.values()];
    const totals = new Map<string, { currency: string; net: number; units: number }>();
    for (const g of all) {
      const t = totals.get(g.currency) ?? { currency: g.currency, net: 0, units: 0 };
      t.net += g.net;
      t.units += g.units;
      totals.set(g.currency, t);
    }
    const periods = q.groupBy === 'month' || q.groupBy === 'quarter';
    const byNet = (a: Acc, b: Acc) => b.net - a.net || String(a.key).localeCompare(String(b.key)) || a.currency.localeCompare(b.currency);
    const kept = [...all].sort(byNet).slice(0, REVENUE_ROWS_CAP);
    if (periods) kept.sort((a, b) => String(a.key).localeCompare(String(b.key)) || a.currency.localeCompare(b.currency));

    const names = q.groupBy === 'product' || q.groupBy === 'owner' || q.groupBy === 'company'
      ? await repo.names(ex, q.groupBy, [...new Set(kept.map((g) => g.key).filter((k): k is string => k !== null))])
      : null;
    const round3 = (n: number) => Math.round(n * 1000) / 1000;
    return {
      from: q.from, to: q.to, groupBy: q.groupBy,
      rows: kept.map((g) => ({
        key: g.key, label: g.key === null ? '' : names ? names.get(g.key) ?? '' : g.key, currency: g.currency, net: g.net, units: round3(g.units),
        orderedUnits: g.orderedUnits === null ? null : round3(g.orderedUnits),
      })),
      totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map((t) => ({ ...t, units: round3(t.units) })),
      capped: all.length > REVENUE_ROWS_CAP,
    };
  },
};
