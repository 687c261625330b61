/**
 * The deals module's SQL over its own tables (pipelines, stages, stage history, line items, deal contacts) and the
 * board's aggregate over the engine's `deals` table. Writes to deals themselves go through the engine's pipeline.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { Selectable } from 'kysely';
import type { PipelinesTable, PipelineStagesTable } from './deals.tables.js';
import './deals.tables.js';

export type PipelineRow = Selectable<PipelinesTable>;
export type StageRow = Selectable<PipelineStagesTable>;

export const dealsRepository = {
  async pipelines(ex: Executor, includeArchived: boolean): Promise<PipelineRow[]> {
    let q = ex.selectFrom('pipelines').selectAll().orderBy('position').orderBy('created_at').orderBy('id');
    if (!includeArchived) q = q.where('archived_at', 'is', null);
    return q.execute();
  },
  async pipeline(ex: Executor, id: string): Promise<PipelineRow | undefined> {
    return ex.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** The live default pipeline, else the first live one. */
  async defaultPipeline(ex: Executor): Promise<PipelineRow | undefined> {
    return ex.selectFrom('pipelines').selectAll().where('archived_at', 'is', null).orderBy('is_default', 'desc').orderBy('position').orderBy('id').executeTakeFirst();
  },
  /** Stages of the given pipelines, in board order. */
  async stages(ex: Executor, pipelineIds: string[]): Promise<StageRow[]> {
    if (pipelineIds.length === 0) return [];
    return ex.selectFrom('pipeline_stages').selectAll().where('pipeline_id', 'in', pipelineIds).orderBy('pipeline_id').orderBy('position').execute();
  },
  async stage(ex: Executor, id: string): Promise<StageRow | undefined> {
    return ex.selectFrom('pipeline_stages').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertPipeline(ex: Executor, row: PipelineRow): Promise<void> {
    await ex.insertInto('pipelines').values(row).execute();
  },
  async updatePipeline(ex: Executor, id: string, set: Partial<PipelineRow>): Promise<void> {
    await ex.updateTable('pipelines').set(set).where('id', '=', id).execute();
  },
  async clearDefault(ex: Executor, exceptId: string): Promise<void> {
    await ex.updateTable('pipelines').set({ is_default: 0 }).where('id', '!=', exceptId).where('is_default', '=', 1).execute();
  },
  async nextPosition(ex: Executor): Promise<number> {
    const r = await ex.selectFrom('pipelines').select((eb) => eb.fn.max('position').as('m')).executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
  },
  async insertStage(ex: Executor, row: StageRow): Promise<void> {
    await ex.insertInto('pipeline_stages').values(row).execute();
  },
  async updateStage(ex: Executor, id: string, set: Omit<StageRow, 'id' | 'pipeline_id'>): Promise<void> {
    await ex.updateTable('pipeline_stages').set(set).where('id', '=', id).execute();
  },
  async deleteStages(ex: Executor, ids: string[]): Promise<void> {
    if (ids.length) await ex.deleteFrom('pipeline_stages').where('id', 'in', ids).execute();
  },
  /** Live deals per stage among `stageIds` (stages that may not be removed). */
  async dealsInStages(ex: Executor, stageIds: string[]): Promise<{ stage: string; n: number }[]> {
    if (stageIds.length === 0) return [];
    const rows = await sql<{ stage: string; n: number }>`select stage, count(*) as n from deals where deleted_at is null and stage in (${sql.join(stageIds)}) group by stage`.execute(ex);
    return rows.rows.map((r) => ({ stage: r.stage, n: Number(r.n) }));
  },

  async addHistory(ex: Executor, row: { id: string; deal_id: string; pipeline_id: string; from_stage: string | null; to_stage: string; at: string; actor_id: string | null; seconds_in_previous: number | null }): Promise<void> {
    await ex.insertInto('deal_stage_history').values(row).execute();
  },
  async history(ex: Executor, dealId: string) {
    return ex.selectFrom('deal_stage_history').selectAll().where('deal_id', '=', dealId).orderBy('at').orderBy('id').execute();
  },

  /** Per stage and currency: count, sum of amounts, over the deals `where` selects (alias `r`). */
  async stageTotals(ex: Executor, where: RawBuilder<SqlBool>[]): Promise<{ stage: string; currency: string | null; n: number; total: number }[]> {
    const rows = await sql<{ stage: string; currency: string | null; n: number | string; total: number | string | null }>`
      select r.stage as stage, r.amount_currency as currency, count(*) as n, sum(r.amount) as total
      from deals r where ${sql.join(where, sql` and `)} group by r.stage, r.amount_currency`.execute(ex);
    return rows.rows.map((r) => ({ stage: r.stage, currency: r.currency, n: Number(r.n), total: Number(r.total ?? 0) }));
  },
  /** Earliest due time of each deal's open tasks (deals with none are absent). */
  async nextSteps(ex: Executor, dealIds: string[]): Promise<Map<string, string | null>> {
    if (dealIds.length === 0) return new Map();
    const rows = await sql<{ deal: string; due: string | null }>`
      select deal, min(due_at) as due from tasks where deleted_at is null and status = 'open' and deal in (${sql.join(dealIds)}) group by deal`.execute(ex);
    return new Map(rows.rows.map((r) => [r.deal, r.due]));
  },
  /** Whether a live task carries this source key (stage tasks already made). */
  async taskExists(ex: Executor, sourceKey: string): Promise<boolean> {
    const r = await sql<{ id: string }>`select id from tasks where source_key = ${sourceKey} and deleted_at is null`.execute(ex);
    return r.rows.length > 0;
  },
  async userNames(ex: Executor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  async userLocale(ex: Executor, id: string): Promise<string> {
    const r = await ex.selectFrom('users').select('locale').where('id', '=', id).executeTakeFirst();
    return r?.locale ?? 'en';
  },

  /** Demo data only: pretend a deal entered its stage earlier (rotting cards). */
  async backdateStageEntry(ex: Executor, dealId: string, at: string): Promise<void> {
    await sql`update deals set stage_entered_at = ${at} where id = ${dealId}`.execute(ex);
  },
  async dealCount(ex: Executor): Promise<number> {
    const r = await sql<{ n: number | string }>`select count(*) as n from deals`.execute(ex);
    return Number(r.rows[0]?.n ?? 0);
  },
  /** Live companies and contacts for demo deals (oldest first). */
  async demoParties(ex: Executor, limit: number) {
    const companies = await ex.selectFrom('companies').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').limit(limit).execute();
    const contacts = await ex.selectFrom('contacts').select(['id', 'company_id']).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').limit(limit * 3).execute();
    return { companies, contacts };
  },
  async lineItems(ex: Executor, dealId: string) {
    return ex.selectFrom('deal_line_items').selectAll().where('deal_id', '=', dealId).orderBy('position').execute();
  },
  async replaceLineItems(ex: Executor, dealId: string, rows: { id: string; position: number; product_id: string | null; description: string; quantity: number; unit_price: number; discount_percent: number; total: number }[]): Promise<void> {
    await ex.deleteFrom('deal_line_items').where('deal_id', '=', dealId).execute();
    if (rows.length) await ex.insertInto('deal_line_items').values(rows.map((r) => ({ ...r, deal_id: dealId }))).execute();
  },
  async dealContacts(ex: Executor, dealId: string) {
    return ex.selectFrom('deal_contacts').innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
      .select(['deal_contacts.contact_id', 'deal_contacts.role', 'contacts.display_name', 'contacts.owner_id', 'contacts.team_id', 'contacts.deleted_at'])
      .where('deal_contacts.deal_id', '=', dealId).orderBy('contacts.display_name').execute();
  },
  async replaceDealContacts(ex: Executor, dealId: string, rows: { contact_id: string; role: string | null }[]): Promise<void> {
    await ex.deleteFrom('deal_contacts').where('deal_id', '=', dealId).execute();
    if (rows.length) await ex.insertInto('deal_contacts').values(rows.map((r) => ({ ...r, deal_id: dealId }))).execute();
  },
};
