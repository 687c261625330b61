import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KithMigration } from '../migrate.js';

/**
 * Metadata of the records platform: custom objects (`record_types`), their fields (`record_fields`), one
 * version row every definition change bumps (other nodes reload their definition cache when it moves), and
 * the timeline read model (`record_events`: created/updated/deleted/restored with old → new per field).
 * Each object's records live in their own table `obj_<name>`, created at run time (platform/db/records-ddl.ts).
 */
export const recordsPlatform: KithMigration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.createTable('record_types')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('labels', 'text', (c) => c.notNull())
      .addColumn('icon', 'text', (c) => c.notNull())
      .addColumn('title_field', 'text', (c) => c.notNull())
      .addColumn('table_name', 'text', (c) => c.notNull().unique())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema.createTable('record_fields')
      .addColumn('type_name', 'text', (c) => c.notNull().references('record_types.name'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('column_name', 'text', (c) => c.notNull())
      .addColumn('labels', 'text', (c) => c.notNull())
      .addColumn('help', 'text')
      .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_unique', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('default_value', 'text')
      .addColumn('classification', 'text', (c) => c.notNull())
      .addColumn('filterable', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sortable', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('searchable', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('options', 'text')
      .addColumn('currency', 'text')
      .addColumn('relation_target', 'text')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_fields_pk', ['type_name', 'key'])
      .execute();
    await db.schema.createIndex('record_fields_target').on('record_fields').column('relation_target').execute();
    await db.schema.createTable('record_meta')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      // Random per database: a process serving several databases (tests) keys its definition cache by it.
      .addColumn('epoch', 'text', (c) => c.notNull())
      .execute();
    await db.insertInto('record_meta').values({ id: 1, version: 1, epoch: randomUUID() }).execute();
    await db.schema.createTable('record_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type_name', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text')
      .addColumn('changes', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('record_events_record').on('record_events').columns(['type_name', 'record_id', 'id']).execute();
  },
};
