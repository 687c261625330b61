import type { Kysely } from 'kysely';
import type { KithMigration } from '../migrate.js';

/**
 * `idempotency_keys.request_hash`: SHA-256 of the first request's body, so a key reused with another body
 * is refused (422) instead of silently replaying the first response. NULL for keys stored before it (they
 * expire within 24 h and are replayed as before).
 */
export const idempotencyRequestHash: KithMigration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.alterTable('idempotency_keys').addColumn('request_hash', 'text').execute();
  },
};
