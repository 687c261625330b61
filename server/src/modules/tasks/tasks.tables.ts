/** Row types of the tasks module's own tables (the `tasks` table itself is an engine table, read through the engine). */
declare module '../../platform/db/schema.js' {
  interface DB {
    task_user_settings: TaskUserSettingsTable;
  }
}

/** Per user: time zone (null = the workspace default), the calendar feed's token hash, the last digest's local day. */
export interface TaskUserSettingsTable {
  user_id: string;
  time_zone: string | null;
  feed_token_hash: string | null;
  feed_created_at: string | null;
  /** `YYYY-MM-DD` in the user's zone of the last daily digest sent. */
  digest_sent_on: string | null;
}
