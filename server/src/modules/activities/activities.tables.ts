import type { Generated } from 'kysely';

/** Row types of the activities module (migration 20261124_0210_activities). */
export interface ActivitiesTable {
  id: string;
  /** note | call | meeting | email | task */
  type: string;
  subject: string | null;
  /** Sanitised HTML. */
  body: string | null;
  contact_id: string | null;
  company_id: string | null;
  /** An engine record's type (API name, e.g. `deals`, `vehicles`) and id (migration 20261210_0100_activities_records). */
  record_type: string | null;
  record_id: string | null;
  owner_id: string | null;
  team_id: string | null;
  occurred_at: string;
  duration_seconds: number | null;
  direction: string | null;
  outcome: string | null;
  due_at: string | null;
  remind_at: string | null;
  reminded_at: string | null;
  completed_at: string | null;
  location: string | null;
  email_from: string | null;
  /** JSON string[] */
  email_to: string | null;
  /** JSON string[] of user ids */
  mentions: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: string | null;
}

export interface AttachmentsTable {
  id: string;
  activity_id: string;
  filename: string;
  mime: string;
  size: number;
  /** Relative to the data folder: attachments/<yyyy>/<mm>/<id>. */
  path: string;
  sha256: string;
  created_by: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    activities: ActivitiesTable;
    attachments: AttachmentsTable;
  }
}
