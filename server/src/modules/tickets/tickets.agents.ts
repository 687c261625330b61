/**
 * Agents' availability and reassignment. An agent is available when their status is `available` (no row: available)
 * and, when they keep working hours (`team`: the team's calendar, else the default; `calendar`: their own), the
 * moment is inside them. Round robin and fewest open pick among available agents only.
 *
 * Going away: when an agent's status leaves `available`, the same transaction queues job `tickets.reassign-away`
 * (unique per status change: exactly once). The job moves the agent's tickets that are `new` or `open` — not
 * waiting on the customer or on hold: those wait for an answer the agent asked for and stay with them — to another
 * available agent of the ticket's team by the team's method (its first active rule's, else fewest open), one
 * transaction per ticket, through the engine as `system-assignment`, each explained ("Lan went away → Minh (fewest
 * open)"). A ticket already moved, no longer new/open, or an agent back to available before the job runs is left alone.
 */
import type { Agent, AgentStatusInput } from '../../../../contracts/ticket-agents.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import type { Kysely } from 'kysely';
import { fewestOpen, roundRobin } from './tickets.logic.js';
import { businessCalendarOf } from './tickets.presenter.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { businessMinutesBetween } from './tickets.sla.logic.js';
import './tickets.agents.tables.js';

export const REASSIGN_JOB = 'tickets.reassign-away';
/** The id reassignments are written by (record events show its label "Assignment"). */
export const ASSIGNMENT_SYSTEM_USER_ID = 'system-assignment';
/** Statuses whose tickets follow an agent who goes away (waiting_on_customer / on_hold stay with them). */
export const REASSIGNED_STATUSES = ['new', 'open'] as const;

function assignmentPrincipal(): Principal {
  return {
    kind: 'user', userId: ASSIGNMENT_SYSTEM_USER_ID, email: 'assignment@system', name: 'Assignment', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

type Member = { id: string; name: string };
type AgentRow = { user_id: string; status: string; hours: string; calendar_id: string | null; status_changed_at: string | null };

const agentRows = async (ex: Executor, ids: string[]): Promise<Map<string, AgentRow>> =>
  new Map((ids.length ? await ex.selectFrom('ticket_agents').selectAll().where('user_id', 'in', ids).execute() : []).map((r) => [r.user_id, r]));

/** Why a member is not available now (away, offline, outside working hours), or null when they are. */
async function unavailability(ex: Executor, row: AgentRow | undefined, teamId: string | null, at: Date): Promise<string | null> {
  if (row && row.status !== 'available') return row.status;
  if (!row || row.hours === 'always') return null;
  const cal = row.hours === 'calendar' && row.calendar_id ? await repo.calendar(ex, row.calendar_id) : await repo.calendarFor(ex, teamId);
  if (!cal) return null;
  return businessMinutesBetween(businessCalendarOf(cal), at, new Date(at.getTime() + 60_000)) > 0 ? null : 'outside working hours';
}

/** The members available at `at`, and a short account of the others ("Lan away, Minh outside working hours"). */
export async function availableMembers<M extends Member>(ex: Executor, teamId: string | null, members: M[], at = new Date()): Promise<{ available: M[]; unavailable: string }> {
  const rows = await agentRows(ex, members.map((m) => m.id));
  const available: M[] = [];
  const out: string[] = [];
  for (const m of members) {
    const why = await unavailability(ex, rows.get(m.id), teamId, at);
    if (why) out.push(`${m.name} ${why}`); else available.push(m);
  }
  return { available, unavailable: out.join(', ') };
}

/**
 * Picks an agent of `teamId` by `method` among the available members (except `exclude`): the agent and the words
 * of the explanation ("Minh (fewest open)" or "no agent available (Lan away): unassigned").
 */
export async function pickAgent(ex: Executor, teamId: string, method: string, exclude?: string): Promise<{ who: Member | undefined; words: string }> {
  const members = (await repo.teamMembers(ex, teamId)).filter((m) => m.id !== exclude);
  if (!members.length) return { who: undefined, words: 'no active agent: unassigned' };
  const { available, unavailable } = await availableMembers(ex, teamId, members);
  if (!available.length) return { who: undefined, words: `no agent available (${unavailable}): unassigned` };
  const fewest = method === 'fewest_open';
  const who = fewest ? fewestOpen(available, await repo.openCounts(ex, available.map((m) => m.id))) : roundRobin(available, await repo.nextTurn(ex, teamId));
  return { who, words: `${who!.name} (${fewest ? 'fewest open' : 'round robin'})` };
}

async function checkInput(ex: Executor, input: AgentStatusInput, current: AgentRow | undefined): Promise<{ hours: string; calendar_id: string | null }> {
  const hours = input.hours ?? current?.hours ?? 'always';
  const calendarId = input.calendarId !== undefined ? input.calendarId : current?.calendar_id ?? null;
  if (hours === 'calendar') {
    if (!calendarId) throw invalid('calendarId', 'required when hours is calendar');
    if (!(await repo.calendar(ex, calendarId))) throw invalid('calendarId', 'no such calendar');
  }
  return { hours, calendar_id: hours === 'calendar' ? calendarId : null };
}

export const agentsService = {
  /** Every active user in a team, with status, hours, whether they may be assigned now and their open tickets. */
  async list(ex: Executor, userIds?: string[]): Promise<Agent[]> {
    let q = ex.selectFrom('users').select(['id', 'name', 'team_id']).where('active', '=', 1);
    q = userIds ? q.where('id', 'in', userIds.length ? userIds : ['']) : q.where('team_id', 'is not', null);
    const users = await q.orderBy('name').orderBy('id').execute();
    const rows = await agentRows(ex, users.map((u) => u.id));
    const open = await repo.openCounts(ex, users.map((u) => u.id));
    const now = new Date();
    const out: Agent[] = [];
    for (const u of users) {
      const r = rows.get(u.id);
      out.push({
        userId: u.id, name: u.name, teamId: u.team_id, status: (r?.status ?? 'available') as Agent['status'], hours: (r?.hours ?? 'always') as Agent['hours'],
        calendarId: r?.calendar_id ?? null, availableNow: !(await unavailability(ex, r, u.team_id, now)), openTickets: open.get(u.id) ?? 0,
        statusChangedAt: r?.status_changed_at ?? null,
      });
    }
    return out;
  },

  /**
   * Sets an agent's status and/or hours (one transaction). Leaving `available` queues the reassignment of their
   * new/open tickets (job unique per change). 404 for an unknown or inactive user.
   */
  async set(database: Database, userId: string, input: AgentStatusInput): Promise<Agent> {
    return database.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select(['id']).where('id', '=', userId).where('active', '=', 1).executeTakeFirst();
      if (!user) throw notFound('agent');
      const current = (await agentRows(trx, [userId])).get(userId);
      const { hours, calendar_id } = await checkInput(trx, input, current);
      const before = current?.status ?? 'available';
      const status = input.status ?? before;
      const now = nowIso();
      const changedAt = status !== before ? now : current?.status_changed_at ?? null;
      const row = { status, hours, calendar_id, status_changed_at: changedAt, updated_at: now };
      await trx.insertInto('ticket_agents').values({ user_id: userId, ...row }).onConflict((oc) => oc.column('user_id').doUpdateSet(row)).execute();
      if (before === 'available' && status !== 'available') {
        await enqueue(trx, REASSIGN_JOB, { userId, status, changedAt }, { uniqueKey: `ticket-reassign:${userId}:${changedAt}`, maxAttempts: 8 });
      }
      return (await agentsService.list(trx, [userId]))[0]!;
    });
  },

  /**
   * The job: moves the away agent's new/open tickets within each ticket's team, one transaction per ticket; returns
   * how many moved. Re-checks in each transaction that the agent is still unavailable and the ticket still theirs.
   */
  async reassignAway(database: Database, userId: string, status = 'away'): Promise<number> {
    const tickets = await loose(database.db).selectFrom('tickets').select(['id']).where('agent', '=', userId)
      .where('status', 'in', [...REASSIGNED_STATUSES]).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute() as { id: string }[];
    let moved = 0;
    for (const { id } of tickets) {
      const done = await database.db.transaction().execute(async (trx) => {
        const state = (await agentRows(trx, [userId])).get(userId);
        if (!state || state.status === 'available') return 'stop' as const;
        const t = await loose(trx).selectFrom('tickets').select(['id', 'agent', 'team', 'status']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst() as
          { id: string; agent: string | null; team: string | null; status: string } | undefined;
        if (!t || t.agent !== userId || !(REASSIGNED_STATUSES as readonly string[]).includes(t.status)) return 'skip' as const;
        const away = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
        const verb = status === 'offline' ? 'went offline' : 'went away';
        let agent: string | null = null;
        let words = 'no team: unassigned';
        if (t.team) {
          const rule = (await repo.assignmentRules(trx, true)).find((r) => r.team_id === t.team);
          const pick = await pickAgent(trx, t.team, rule?.method ?? 'fewest_open', userId);
          agent = pick.who?.id ?? null;
          words = pick.words;
        }
        const { def, defs } = await definitionOf(trx, 'tickets');
        await pipeline.update(trx, def, defs, assignmentPrincipal(), id, {
          values: { agent }, derived: { assignment: `${away?.name ?? 'The agent'} ${verb} → ${words}` }, ownerId: agent, ...(t.team ? { teamId: t.team } : {}),
        });
        return 'moved' as const;
      });
      if (done === 'stop') break;
      if (done === 'moved') moved++;
    }
    return moved;
  },
};

/** Registers the reassignment job's handler (module start). */
export function startTicketAgents(ctx: AppContext): void {
  ctx.services.jobs.register<{ userId: string; status: string }>(REASSIGN_JOB, (p) => agentsService.reassignAway(ctx.database, p.userId, p.status));
}
