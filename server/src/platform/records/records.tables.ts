/** Row types of the records platform's metadata tables (migration 20261207_0300_records_platform). */
import type { Generated } from 'kysely';

export interface RecordTypesTable {
  name: string; labels: string; icon: string; title_field: string; table_name: string; version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
}
export interface RecordFieldsTable {
  type_name: string; key: string; type: string; column_name: string; labels: string; help: string | null;
  required: number; is_unique: number; default_value: string | null; classification: string; filterable: number;
  sortable: number; searchable: number; options: string | null; currency: string | null; relation_target: string | null;
  archived: number; position: number; created_at: string; updated_at: string;
  /** Formula or rollup definition (JSON), migration 20261207_1500_records_computed. */
  computed: string | null;
}
export interface RecordMetaTable { id: number; version: number; epoch: string }
export interface RecordEventsTable {
  id: string; type_name: string; record_id: string; kind: string; at: string; actor_id: string | null;
  actor_label: string | null; changes: string;
}

/** Many-to-many links and attachment files (migration 20261209_1900_records_links_files). */
export interface RecordLinksTable { from_type: string; field: string; from_id: string; to_type: string; to_id: string; position: number }
export interface RecordFilesTable {
  id: string; type_name: string; record_id: string; field: string; name: string; size: number; content_type: string;
  path: string; sha256: string; created_by: string | null; created_at: string;
}

declare module '../db/schema.js' {
  interface DB {
    record_types: RecordTypesTable;
    record_fields: RecordFieldsTable;
    record_meta: RecordMetaTable;
    record_events: RecordEventsTable;
    record_links: RecordLinksTable;
    record_files: RecordFilesTable;
  }
}
