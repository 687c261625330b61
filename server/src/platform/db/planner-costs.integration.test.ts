import pg from 'pg';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/harness.js';

describeEachDialect('planner costs (migration 20261201_2310)', (env) => {
  it('sets random_page_cost 1.1 on the PostgreSQL database, for every new connection', async ({ skip }) => {
    const { database, config } = env();
    // Reported as skipped (not passed) on SQLite, whose planner has no cost setting.
    if (database.dialect !== 'postgres') skip('PostgreSQL only: SQLite\'s planner has no cost setting');
    const stored = await sql<{ setconfig: string[] }>`select s.setconfig from pg_db_role_setting s
      join pg_database d on d.oid = s.setdatabase where d.datname = current_database() and s.setrole = 0`.execute(database.db);
    expect(stored.rows.flatMap((r) => r.setconfig)).toContain('random_page_cost=1.1');
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      expect((await client.query('show random_page_cost')).rows[0].random_page_cost).toBe('1.1');
    } finally {
      await client.end();
    }
  });
});
