import type { Kysely } from 'kysely';
import type { KithMigration } from '../migrate.js';

/**
 * `record_fields.computed`: a computed field's definition as JSON — `{ "formula": "…", "resultType": "number" }`
 * or `{ "rollup": { object, relation, fn, field }, "resultType": "number" }` — NULL for every other field.
 * The computed values themselves live in the field's column of the object's table (stored, so filters and
 * sorts use its index like any other field's).
 */
export const recordsComputed: KithMigration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.alterTable('record_fields').addColumn('computed', 'text').execute();
  },
};
