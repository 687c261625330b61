/** Row types of the deals module's own tables (the `deals` table itself is an engine table, read through the engine). */
declare module '../../platform/db/schema.js' {
  interface DB {
    pipelines: PipelinesTable;
    pipeline_stages: PipelineStagesTable;
    deal_stage_history: DealStageHistoryTable;
    deal_line_items: DealLineItemsTable;
    deal_contacts: DealContactsTable;
    quotas: QuotasTable;
  }
}

export interface PipelinesTable {
  id: string; name: string; name_vi: string | null; currency: string; is_default: number; position: number;
  archived_at: string | null; created_at: string; updated_at: string;
}
/**
 * One stage. `outcome`: open | won | lost. `required_fields`: JSON array of deal field keys that must be set to
 * enter it. `tasks`: JSON array of task templates created on entering it
 * (`{ title: {en, vi}, type, dueInDays, from: 'entered' | 'warranty_end', assignee: 'owner' }`).
 */
export interface PipelineStagesTable {
  id: string; pipeline_id: string; name: string; name_vi: string | null; position: number; probability: number;
  rot_days: number | null; outcome: string; required_fields: string; tasks: string; color: string;
}
export interface DealStageHistoryTable {
  id: string; deal_id: string; pipeline_id: string; from_stage: string | null; to_stage: string; at: string; actor_id: string | null;
  /** Seconds the deal spent in `from_stage` (null for the first entry). */
  seconds_in_previous: number | null;
}
export interface DealLineItemsTable {
  id: string; deal_id: string; position: number; product_id: string | null; description: string; quantity: number;
  unit_price: number; discount_percent: number; total: number;
}
export interface DealContactsTable { deal_id: string; contact_id: string; role: string | null }
/** A user's sales quota for a period (`2026-12` for a month, `2026-Q4` for a quarter), in minor units. */
export interface QuotasTable {
  id: string; user_id: string; period: string; amount: number; currency: string; created_at: string; updated_at: string; updated_by: string | null;
}
