import type { Generated } from 'kysely';

/** Row types of the platform tables (migration 20261124_0100_platform_core). */
export interface TeamsTable {
  id: string; name: string; parent_id: string | null; version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
}
export interface RolesTable {
  id: string; name: string; description: string | null; is_admin: Generated<number>;
  max_classification: Generated<string>; permissions: Generated<string>; version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
}
export interface UsersTable {
  id: string; email: string; name: string; password_hash: string | null; role_id: string; team_id: string | null;
  locale: Generated<string>; active: Generated<number>; totp_secret: string | null; totp_enabled: Generated<number>;
  last_login_at: string | null; version: Generated<number>;
  created_at: string; updated_at: string; created_by: string | null; updated_by: string | null;
}
export interface SessionsTable {
  id: string; user_id: string; csrf_token: string; mfa_pending: Generated<number>;
  created_at: string; last_seen_at: string; expires_at: string; ip: string | null; user_agent: string | null;
}
export interface ApiKeysTable {
  id: string; name: string; prefix: string; key_hash: string; user_id: string; role_id: string;
  last_used_at: string | null; expires_at: string | null; revoked_at: string | null; created_at: string; created_by: string | null;
}
export interface LoginAttemptsTable { id: string; email: string; ip: string; succeeded: number; created_at: string }
export interface AuditLogTable {
  seq: number; id: string; at: string; actor_id: string | null; actor_label: string | null; action: string;
  entity: string; entity_id: string | null; before: string | null; after: string | null; ip: string | null;
  prev_hash: string; hash: string;
}
export interface AuditHeadTable { id: number; seq: number; hash: string }
export interface OutboxTable {
  id: string; type: string; entity: string; entity_id: string | null; actor_id: string | null; data: string;
  created_at: string; dispatched_at: string | null; attempts: Generated<number>; last_error: string | null;
}
export interface JobsTable {
  id: string; name: string; payload: string; status: string; run_at: string; attempts: Generated<number>;
  max_attempts: Generated<number>; locked_by: string | null; locked_until: string | null; unique_key: string | null;
  last_error: string | null; result: string | null; created_at: string; updated_at: string; finished_at: string | null;
}
export interface SchedulesTable {
  name: string; cron: string; job_name: string; payload: Generated<string>; next_run_at: string;
  last_run_at: string | null; enabled: Generated<number>;
}
export interface NotificationsTable {
  id: string; user_id: string; type: string; title: string; body: string | null; link: string | null;
  read_at: string | null; created_at: string;
}
export interface IdempotencyKeysTable {
  key: string; principal: string; method: string; path: string; status_code: number; response: string; created_at: string;
  /** SHA-256 (hex) of the request body; NULL for keys stored before 20261207_0300. */
  request_hash: string | null;
}
export interface SettingsTable { key: string; value: string; updated_at: string }

declare module './schema.js' {
  interface DB {
    teams: TeamsTable;
    roles: RolesTable;
    users: UsersTable;
    sessions: SessionsTable;
    api_keys: ApiKeysTable;
    login_attempts: LoginAttemptsTable;
    audit_log: AuditLogTable;
    audit_head: AuditHeadTable;
    outbox: OutboxTable;
    jobs: JobsTable;
    schedules: SchedulesTable;
    notifications: NotificationsTable;
    idempotency_keys: IdempotencyKeysTable;
    settings: SettingsTable;
  }
}
