/**
 * Audit log (admin): who did what, when, with before/after; and the hash-chain check.
 * Imports only zod.
 */
import { z } from 'zod';
import { idSchema, isoDateTime, pageOf } from './common.js';

/**
 * Every action the server writes to the log (modules/audit/audit.actions.test.ts scans the code for
 * `action:` literals and fails on one missing here); the web app has words for each in both languages.
 */
export const auditActions = [
  'create', 'update', 'delete', 'restore', 'permission_change', 'revoke',
  'login', 'login_failed', 'logout', 'logout_all', 'password_change', 'totp_setup', 'totp_enable', 'totp_disable',
  'export', 'erase', 'purge', 'merge', 'merged_into', 'dismiss_duplicate',
  'import_start', 'import', 'import_discard', 'import_follow_up', 'import_revert_start', 'import_revert',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** One audit entry. `before`/`after` are the stored snapshots (any JSON), null when absent. */
export const auditEntrySchema = z.object({
  id: idSchema,
  /** Position in the hash chain, 1-based and gapless. */
  seq: z.number().int(),
  at: isoDateTime,
  actorId: z.string().nullable(),
  /** Name or email of the actor when the entry was written (kept if the user is later renamed). */
  actorLabel: z.string().nullable(),
  /** create | update | delete | restore | merge | export | login | login_failed | logout | permission_change | … */
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /**
   * The record's name today (contact, company, user, team, role, import, custom object record, …), read for
   * the page in one query per entity type and masked like any read; null when the entry has no record or
   * the type has no name (and when `entityGone`).
   */
  entityName: z.string().nullable(),
  /** The record no longer exists, is in the recycle bin or was erased: shown with a neutral label, no link. */
  entityGone: z.boolean(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** GET /audit filters; newest first, keyset by seq. */
export const auditListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Rows per page (1–200)'),
  cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
  entity: z.string().max(100).optional().describe('Entity type, e.g. `user`, `contact`'),
  entityId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.enum(auditActions).optional().describe('One of the known actions'),
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this time (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries before this time (ISO 8601)'),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;
export const auditPage = pageOf(auditEntrySchema);

/** GET /audit/verify: the whole chain recomputed. */
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  /** Entries checked before the first break (all of them when ok). */
  checked: z.number().int(),
  /** Sequence number of the first entry that does not match, when not ok. */
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;
