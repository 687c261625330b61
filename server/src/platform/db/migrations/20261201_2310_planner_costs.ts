import { sql, type Kysely } from 'kysely';
import type { KithMigration } from '../migrate.js';

/**
 * PostgreSQL prices a random page read at 4× a sequential one (random_page_cost, made for spinning
 * disks). Kith's working set is cached or on SSD, where 1.1 is PostgreSQL's usual advice. Measured at 1M
 * contacts / 2M activities: the timeline of a contact with ~200 activities was planned as a bitmap scan of
 * all its rows plus a sort (13–43 ms on pages not yet in shared_buffers) instead of a backward walk of
 * `activities_contact_time_idx` that reads 51 rows (3–5 ms) — the two plans cost the same at 4, and the
 * bitmap's cost grows with the record's history while the walk's does not. Search and list plans were
 * unchanged. Set on the database, so every new connection has it; a role that may not ALTER DATABASE
 * leaves it to the operator (a notice, not a failure). SQLite has no cost knob to set.
 */
export const plannerCosts: KithMigration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>, dialect) {
    if (dialect !== 'postgres') return;
    await sql`do $$ begin
      execute format('alter database %I set random_page_cost = 1.1', current_database());
    exception when insufficient_privilege then
      raise notice 'random_page_cost left as configured: %', sqlerrm;
    end $$`.execute(db);
    // This connection too (the others are opened after the migrations or recycled by the pool).
    await sql`set random_page_cost = 1.1`.execute(db);
  },
};
