import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const identityMigrations: MigrationSet = {
  '20261207_0310_totp_last_step': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // The last accepted TOTP step per user, so a code cannot be used twice within its window.
      await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
    },
  },
  '20261207_0320_login_throttle': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('delay_ms', 'bigint', (c) => c.notNull())
        .addColumn('next_at', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_throttle_last_at_idx').on('login_throttle').column('last_at').execute();
    },
  },
  '20261207_0330_known_devices': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('known_devices')
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('known_devices_pk', ['token_hash', 'user_id'])
        .execute();
      await db.schema.createIndex('known_devices_user_idx').on('known_devices').column('user_id').execute();
    },
  },
};
