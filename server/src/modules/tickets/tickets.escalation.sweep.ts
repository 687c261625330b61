/**
 * The SLA escalation sweep (job `tickets.sla-sweep`, every minute on the platform's schedules): tickets whose
 * warning time has come are warned, tickets past their due are escalated — each once per target, even with several
 * workers and across restarts. Per batch, one transaction runs the conditional UPDATE that stamps
 * `sla_warned_at` / `sla_breached_at` WHERE it IS NULL (RETURNING the rows it changed), then notifies only those rows:
 * a stamp and its notifications commit together or not at all. Nothing lives in memory between runs: a sweep after
 * a restart finds every ticket that became due while no worker ran.
 *
 * Who is told (`notify`: notification centre + websocket, and email when the recipient's preferences for
 * "SLA warnings and escalations" allow it): at the warning the agent (the team's leads when unassigned); at the breach
 * the agent, the team's leads and the administrators. A breach may raise the priority one step and/or move the ticket
 * to another team (policy's `raise_priority`, `reassign_to_team`), written through the engine as the system.
 */
import type { Database, Executor } from '../../platform/db/db.js';
import { notify } from '../../platform/events/notifier.js';
import { nowIso } from '../../platform/ids.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { escalationRepository as esc, type ClaimedTicket, type SweepPhase } from './tickets.escalation.repository.js';
import { fewestOpen } from './tickets.logic.js';
import { ticketsRepository as repo, type SlaPolicyRow } from './tickets.repository.js';
import { slaPrincipal } from './tickets.system.js';
import { policyMatch } from './tickets.routing.logic.js';

export const SLA_SWEEP_JOB = 'tickets.sla-sweep';
const BATCH = 200;
/** Parallel claiming transactions per batch on PostgreSQL. */
const PARALLEL = 4;
const chunks = <T>(xs: T[], size: number): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

const words = {
  en: {
    warn: 'SLA warning', breach: 'SLA breached', due: 'due', wasDue: 'was due', raised: 'Priority raised to', moved: 'Moved to team',
    target: { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' } as Record<string, string>,
  },
  vi: {
    warn: 'Cảnh báo SLA', breach: 'Vi phạm SLA', due: 'đến hạn lúc', wasDue: 'đã quá hạn lúc', raised: 'Đã nâng mức ưu tiên lên', moved: 'Đã chuyển sang nhóm',
    target: { first_response: 'Phản hồi đầu', next_response: 'Phản hồi tiếp', resolution: 'Giải quyết' } as Record<string, string>,
  },
};

interface SweepResult { warned: number; breached: number; notified: number }

/** Lookups shared by the tickets of one cycle (who leads a team, who administers, the policies). */
interface Cache { leads: Map<string, string[]>; users: Map<string, { id: string; locale: string } | null>; admins?: string[]; policies?: SlaPolicyRow[] }

const formats = new Map<string, Intl.DateTimeFormat>();
function formatOf(locale: string, zone: string): Intl.DateTimeFormat {
  let f = formats.get(`${locale} ${zone}`);
  if (!f) formats.set(`${locale} ${zone}`, (f = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'short', timeStyle: 'short' })));
  return f;
}

/** One cycle of the sweep at `now`: every pending warning, then every pending breach. */
export async function sweepSla(database: Database, now = new Date()): Promise<SweepResult> {
  const at = now.toISOString();
  const zone = (await workspaceSettings(database.db)).timeZone;
  const out: SweepResult = { warned: 0, breached: 0, notified: 0 };
  const cache: Cache = { leads: new Map(), users: new Map() };
  for (const phase of ['warn', 'breach'] as const) {
    for (;;) {
      const ids = await esc.pending(database.db, phase, at, BATCH);
      if (!ids.length) break;
      // On PostgreSQL the batch is claimed in a few parallel transactions (disjoint tickets, pooled connections): the
      // notifications are round trips, and waiting for them one after another is most of a busy cycle. SQLite has
      // one writer: there the parts run one after another anyway.
      const parts = database.dialect === 'postgres' ? chunks(ids, Math.ceil(ids.length / PARALLEL)) : [ids];
      await Promise.all(parts.map((part) => database.db.transaction().execute(async (trx) => {
        const claimed = await esc.claim(trx, phase, part, at, nowIso());
        for (const t of claimed) {
          const n = await escalate(trx, phase, t, zone, cache); // not `+= await`: parts run concurrently
          out.notified += n;
        }
        out[phase === 'warn' ? 'warned' : 'breached'] += claimed.length;
      })));
      if (ids.length < BATCH) break;
    }
  }
  return out;
}

/** Notifies one claimed ticket's people (and applies a breach's actions); returns how many were notified. */
async function escalate(trx: Executor, phase: SweepPhase, t: ClaimedTicket, zone: string, cache: Cache): Promise<number> {
  const people = new Set<string>();
  const actions: { raised?: string; team?: string } = {};
  let leads = t.team ? cache.leads.get(t.team) : [];
  if (!leads) cache.leads.set(t.team!, (leads = (await esc.teamLeads(trx, t.team!)).map((u) => u.id)));
  if (t.agent) people.add(t.agent);
  if (phase === 'warn' && !t.agent) leads.forEach((id) => people.add(id));
  if (phase === 'breach') {
    leads.forEach((id) => people.add(id));
    (cache.admins ??= (await esc.admins(trx)).map((u) => u.id)).forEach((id) => people.add(id));
    const newAgent = await breachActions(trx, t, actions, (cache.policies ??= await repo.slaPolicies(trx, true)));
    if (newAgent) people.add(newAgent);
  }
  const missing = [...people].filter((id) => !cache.users.has(id));
  const found = await esc.users(trx, missing);
  // Set only after the read: a placeholder would hide the user from a part running concurrently.
  for (const id of missing) cache.users.set(id, found.find((u) => u.id === id) ?? null);
  const users = [...people].map((id) => cache.users.get(id)).filter((u): u is { id: string; locale: string } => Boolean(u));
  for (const u of users) {
    const w = u.locale === 'vi' ? words.vi : words.en;
    const time = t.sla_due_at ? formatOf(u.locale === 'vi' ? 'vi-VN' : 'en-GB', zone).format(new Date(t.sla_due_at)) : '';
    const target = w.target[t.sla_target ?? 'resolution'] ?? '';
    const lines = [`${target} ${phase === 'warn' ? w.due : w.wasDue} ${time}`.trim()];
    if (actions.raised) lines.push(`${w.raised} ${actions.raised}.`);
    if (actions.team) lines.push(`${w.moved} ${actions.team}.`);
    await notify(trx, u.id, {
      type: phase === 'warn' ? 'ticket.sla_warning' : 'ticket.sla_breached',
      title: `${phase === 'warn' ? w.warn : w.breach}: ${t.number} ${t.subject}`,
      body: lines.join('\n'),
      link: `/tickets/${t.id}`,
    });
  }
  return users.length;
}

/**
 * The breach actions of the ticket's policy, written through the engine (audited, evented, hooks run) as the system:
 * one priority step up, and/or the policy's team with its agent that has the fewest open tickets. Returns the new agent.
 */
async function breachActions(trx: Executor, t: ClaimedTicket, actions: { raised?: string; team?: string }, policies: SlaPolicyRow[]): Promise<string | null> {
  const policy = policyMatch(policies, t);
  if (!policy) return null;
  const values: Record<string, unknown> = {};
  const derived: Record<string, unknown> = {};
  let owner: { ownerId?: string | null; teamId?: string | null } = {};
  let agent: string | null = null;
  const step = PRIORITIES.indexOf(t.priority);
  if (Number(policy.raise_priority) === 1 && step >= 0 && step < PRIORITIES.length - 1) values.priority = actions.raised = PRIORITIES[step + 1]!;
  if (policy.reassign_to_team && policy.reassign_to_team !== t.team) {
    const team = await repo.team(trx, policy.reassign_to_team);
    if (team) {
      const members = await repo.teamMembers(trx, team.id);
      const who = fewestOpen(members, await repo.openCounts(trx, members.map((m) => m.id)));
      values.team = team.id;
      values.agent = agent = who?.id ?? null;
      derived.assignment = `SLA breach → team ${team.name} → ${who ? `${who.name} (fewest open)` : 'no active agent: unassigned'}`;
      owner = { ownerId: agent, teamId: team.id };
      actions.team = team.name;
    }
  }
  if (!Object.keys(values).length) return null;
  const { def, defs } = await definitionOf(trx, 'tickets');
  await pipeline.update(trx, def, defs, slaPrincipal(), t.id, { values, derived, ...owner });
  return agent;
}
