/** The leads module's SQL: its rule tables, the round-robin counter, and the few reads over the engine's `leads` table. */
import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { LeadAssignmentRulesTable, LeadScoringRulesTable } from './leads.tables.js';
import './leads.tables.js';

/** The engine's per-object tables are not in the static schema: typed loosely here and nowhere else. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export type ScoringRuleRow = LeadScoringRulesTable;
export type AssignmentRuleRow = LeadAssignmentRulesTable & { team_name: string | null; user_name: string | null };

export const leadsRepository = {
  scoringRules(ex: Executor, activeOnly = false): Promise<ScoringRuleRow[]> {
    let q = ex.selectFrom('lead_scoring_rules').selectAll();
    if (activeOnly) q = q.where('active', '=', 1);
    return q.orderBy('position').orderBy('id').execute();
  },
  scoringRule: (ex: Executor, id: string) => ex.selectFrom('lead_scoring_rules').selectAll().where('id', '=', id).executeTakeFirst(),
  async nextScoringPosition(ex: Executor): Promise<number> {
    const r = await ex.selectFrom('lead_scoring_rules').select((eb) => eb.fn.max('position').as('m')).executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
  },
  insertScoringRule: (ex: Executor, row: ScoringRuleRow) => ex.insertInto('lead_scoring_rules').values(row).execute(),
  updateScoringRule: (ex: Executor, id: string, set: Partial<ScoringRuleRow>) => ex.updateTable('lead_scoring_rules').set(set).where('id', '=', id).executeTakeFirst(),
  deleteScoringRule: (ex: Executor, id: string) => ex.deleteFrom('lead_scoring_rules').where('id', '=', id).executeTakeFirst(),

  assignmentRules(ex: Executor, activeOnly = false): Promise<AssignmentRuleRow[]> {
    let q = ex.selectFrom('lead_assignment_rules as r').leftJoin('teams as t', 't.id', 'r.team_id').leftJoin('users as u', 'u.id', 'r.user_id')
      .selectAll('r').select(['t.name as team_name', 'u.name as user_name']);
    if (activeOnly) q = q.where('r.active', '=', 1);
    return q.orderBy('r.position').orderBy('r.id').execute();
  },
  async assignmentRule(ex: Executor, id: string): Promise<AssignmentRuleRow | undefined> {
    return (await leadsRepository.assignmentRules(ex)).find((r) => r.id === id);
  },
  insertAssignmentRule: (ex: Executor, row: LeadAssignmentRulesTable) => ex.insertInto('lead_assignment_rules').values(row).execute(),
  updateAssignmentRule: (ex: Executor, id: string, set: Partial<LeadAssignmentRulesTable>) => ex.updateTable('lead_assignment_rules').set(set).where('id', '=', id).executeTakeFirst(),
  deleteAssignmentRule: (ex: Executor, id: string) => ex.deleteFrom('lead_assignment_rules').where('id', '=', id).executeTakeFirst(),
  /** Rewrites positions 0..n-1 in the given order. */
  async reorderAssignmentRules(ex: Executor, ids: string[]): Promise<void> {
    for (const [i, id] of ids.entries()) await ex.updateTable('lead_assignment_rules').set({ position: i }).where('id', '=', id).execute();
  },

  /** The team's active users in a stable order (the round robin's ring). */
  teamMembers: (ex: Executor, teamId: string) =>
    ex.selectFrom('users').select(['id', 'name', 'team_id']).where('team_id', '=', teamId).where('active', '=', 1).orderBy('created_at').orderBy('id').execute(),
  user: (ex: Executor, id: string) => ex.selectFrom('users').select(['id', 'name', 'team_id', 'active']).where('id', '=', id).executeTakeFirst(),
  team: (ex: Executor, id: string) => ex.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst(),

  /**
   * Takes the team's next round-robin number. The update locks the counter row until the transaction ends, so
   * concurrent captures queue on it (PostgreSQL) or on the single writer (SQLite) and never take the same number.
   */
  async nextTurn(ex: Executor, teamId: string): Promise<number> {
    await ex.insertInto('lead_assignment_counters').values({ team_id: teamId, counter: 0 }).onConflict((oc) => oc.column('team_id').doNothing()).execute();
    await ex.updateTable('lead_assignment_counters').set((eb) => ({ counter: eb('counter', '+', 1) })).where('team_id', '=', teamId).execute();
    const row = await ex.selectFrom('lead_assignment_counters').select('counter').where('team_id', '=', teamId).executeTakeFirstOrThrow();
    return Number(row.counter);
  },

  /** Live leads' ids and values of the given columns, a page at a time (rescore). */
  leadsPage: (ex: Executor, columns: string[], after: string | null, limit: number) => {
    let q = loose(ex).selectFrom('leads').select(['id', 'score', ...columns]).where('deleted_at', 'is', null);
    if (after) q = q.where('id', '>', after);
    return q.orderBy('id').limit(limit).execute() as Promise<Record<string, unknown>[]>;
  },
  setScore: (ex: Executor, id: string, score: number) =>
    loose(ex).updateTable('leads').set((eb) => ({ score, version: eb('version', '+', 1) })).where('id', '=', id).execute(),

  /** Leads linked to a contact or company (conversion), with their visibility columns. */
  linkedLeads: (ex: Executor, column: 'contact' | 'company', id: string) =>
    loose(ex).selectFrom('leads').select(['id', 'name', 'owner_id', 'team_id']).where(column, '=', id).where('deleted_at', 'is', null).execute() as Promise<{ id: string; name: string | null; owner_id: string | null; team_id: string | null }[]>,
  /** Record events of some leads older than a keyset position, newest first. */
  leadEvents(ex: Executor, ids: string[], before: { occurredAt: string; id: string } | null, limit: number) {
    let q = ex.selectFrom('record_events as e').leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.record_id', 'e.kind', 'e.at', 'e.actor_id', 'e.actor_label', 'e.changes', 'u.name as actor_name'])
      .where('e.type_name', '=', 'leads').where('e.record_id', 'in', ids);
    if (before) q = q.where((eb) => eb.or([eb('e.at', '<', before.occurredAt), eb.and([eb('e.at', '=', before.occurredAt), eb('e.id', '<', before.id)])]));
    return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
  },

  /** Live companies named like `nameKey` (normalised) or on `domain`. */
  companiesLike: (ex: Executor, nameKey: string | null, domain: string | null) =>
    ex.selectFrom('companies').select(['id', 'name', 'domain', 'name_key', 'owner_id', 'team_id']).where('deleted_at', 'is', null)
      .where((eb) => eb.or([...(nameKey ? [eb('name_key', '=', nameKey)] : []), ...(domain ? [eb('domain', '=', domain)] : [])]))
      .orderBy('created_at').limit(10).execute(),
  contactsByIds: (ex: Executor, ids: string[]) =>
    ids.length ? ex.selectFrom('contacts').select(['id', 'display_name', 'primary_email', 'primary_phone', 'owner_id', 'team_id']).where('id', 'in', ids).where('deleted_at', 'is', null).execute() : Promise.resolve([]),

  /** The default pipeline and its first open stage (a converted lead's deal when none is named). */
  async defaultStage(ex: Executor, pipelineId?: string): Promise<{ pipeline: string; stage: string } | undefined> {
    let q = ex.selectFrom('pipelines').select('id').where('archived_at', 'is', null);
    q = pipelineId ? q.where('id', '=', pipelineId) : q.orderBy('is_default', 'desc').orderBy('position');
    const p = await q.executeTakeFirst();
    if (!p) return undefined;
    const s = await ex.selectFrom('pipeline_stages').select('id').where('pipeline_id', '=', p.id).where('outcome', '=', 'open').orderBy('position').executeTakeFirst();
    return s ? { pipeline: p.id, stage: s.id } : undefined;
  },
};
