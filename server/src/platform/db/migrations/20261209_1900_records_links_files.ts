import type { Kysely } from 'kysely';
import type { KithMigration } from '../migrate.js';

/**
 * Many-to-many relation fields and attachments fields of the records platform.
 * - `record_links`: one row per link of a `relations` field (`from_type`/`from_id` the record holding the field,
 *   `to_type`/`to_id` the linked record). The primary key reads a record's links; `record_links_to` serves
 *   `has_any`/`has_all` filters and back-references (from a target id to the records linking it) by index.
 * - `record_files`: one row per file of an `attachments` field; the bytes live under `<dataDir>/attachments/records/`.
 * The record's own column keeps a JSON copy of the list (ids, or file descriptions) for reads and diffs; both are
 * written by the write pipeline in one transaction.
 */
export const recordsLinksFiles: KithMigration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.createTable('record_links')
      .addColumn('from_type', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('from_id', 'text', (c) => c.notNull())
      .addColumn('to_type', 'text', (c) => c.notNull())
      .addColumn('to_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_links_pk', ['from_type', 'field', 'from_id', 'to_id'])
      .execute();
    await db.schema.createIndex('record_links_to').on('record_links').columns(['from_type', 'field', 'to_id', 'from_id']).execute();
    await db.schema.createIndex('record_links_target').on('record_links').columns(['to_type', 'to_id']).execute();
    await db.schema.createTable('record_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type_name', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('record_files_record').on('record_files').columns(['type_name', 'record_id', 'field', 'id']).execute();
  },
};
