/** SQL of the SLA escalation sweep: the pending selects, the once-only claims, and who is told. */
import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export type SweepPhase = 'warn' | 'breach';
/** The time column a phase compares with now, and the stamp that makes it once per target. */
export const phaseColumns = {
  warn: { at: 'sla_warn_at', stamp: 'sla_warned_at' },
  breach: { at: 'sla_due_at', stamp: 'sla_breached_at' },
} as const;

/** A claimed ticket, as the notifications and the breach actions need it. */
export interface ClaimedTicket {
  id: string; number: string; subject: string; agent: string | null; team: string | null; priority: string; category: string | null;
  customer_tier: string | null;
  sla_target: string | null; sla_due_at: string | null;
}

export const escalationRepository = {
  /**
   * Ids of live, unsolved, running tickets whose phase time has come and that are not stamped yet, oldest first
   * (walks the partial index `tickets_sla_warn_pending` / `tickets_sla_due_pending`).
   */
  async pending(ex: Executor, phase: SweepPhase, at: string, limit: number): Promise<string[]> {
    const c = phaseColumns[phase];
    const rows = await loose(ex).selectFrom('tickets').select('id')
      .where('deleted_at', 'is', null).where(c.stamp, 'is', null).where(c.at, 'is not', null).where(c.at, '<=', at)
      .where('status', 'not in', ['solved', 'closed']).where('sla_paused_at', 'is', null)
      .orderBy(c.at).orderBy('id').limit(limit).execute() as { id: string }[];
    return rows.map((r) => r.id);
  },

  /**
   * Stamps the phase on those of `ids` still unstamped and still due — one conditional UPDATE; a row another worker
   * stamped first (PostgreSQL re-checks the WHERE after waiting for its lock) is not returned. Only returned rows are
   * notified, in the same transaction, so each ticket is warned / escalated once per target.
   */
  async claim(ex: Executor, phase: SweepPhase, ids: string[], at: string, stampedAt: string): Promise<ClaimedTicket[]> {
    if (!ids.length) return [];
    const c = phaseColumns[phase];
    return await loose(ex).updateTable('tickets').set({ [c.stamp]: stampedAt })
      .where('id', 'in', ids).where(c.stamp, 'is', null).where(c.at, 'is not', null).where(c.at, '<=', at).where('deleted_at', 'is', null)
      .where('status', 'not in', ['solved', 'closed']).where('sla_paused_at', 'is', null)
      .returning(['id', 'number', 'subject', 'agent', 'team', 'priority', 'category', 'customer_tier', 'sla_target', 'sla_due_at'])
      .execute() as ClaimedTicket[];
  },

  /** Active users by id, with their language. */
  users: (ex: Executor, ids: string[]) =>
    ids.length ? ex.selectFrom('users').select(['id', 'name', 'locale']).where('id', 'in', ids).where('active', '=', 1).execute() : Promise.resolve([]),
  /**
   * The leads of a team. Identity has no lead flag on teams, so they are the team's active members whose role is the
   * default "Manager" role (it works with the records of its team).
   */
  teamLeads: (ex: Executor, teamId: string) =>
    ex.selectFrom('users as u').innerJoin('roles as r', 'r.id', 'u.role_id').select('u.id')
      .where('u.team_id', '=', teamId).where('u.active', '=', 1).where('r.name', '=', 'Manager').orderBy('u.id').execute(),
  /** Active administrators. */
  admins: (ex: Executor) =>
    ex.selectFrom('users as u').innerJoin('roles as r', 'r.id', 'u.role_id').select('u.id')
      .where('r.is_admin', '=', 1).where('u.active', '=', 1).orderBy('u.id').execute(),
};
