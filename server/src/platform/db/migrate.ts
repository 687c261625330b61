import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import type { Database, DialectName } from './db.js';

/**
 * A migration receives `Kysely<any>` (frozen: it must not depend on today's types) and the dialect,
 * so the rare dialect-specific DDL (FTS5, pg_trgm, triggers) stays beside the portable part.
 * Name migrations `YYYYMMDD_HHMM_change` and never edit one that has landed.
 */
export interface KithMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

export type MigrationSet = Record<string, KithMigration>;

/** Runs every pending migration from all sets (platform + modules), in name order. */
export async function migrateToLatest(database: Database, sets: MigrationSet[]): Promise<string[]> {
  const all: Record<string, Migration> = {};
  for (const set of sets) {
    for (const [name, m] of Object.entries(set)) {
      if (all[name]) throw new Error(`duplicate migration name ${name}`);
      all[name] = { up: (db) => m.up(db, database.dialect) };
    }
  }
  const provider: MigrationProvider = { getMigrations: async () => all };
  const migrator = new Migrator({ db: database.db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
