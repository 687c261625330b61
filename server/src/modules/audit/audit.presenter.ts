import type { AuditEntry } from '../../../../contracts/audit.js';
import type { AuditLogTable } from '../../platform/db/platform.tables.js';

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text; // written by hand outside appendAudit: show it as it is
  }
}

/**
 * Stored row → wire shape; the hash columns stay on the server (GET /audit/verify reports on them).
 * entityName/entityGone are added for the whole page by audit.names.ts.
 */
export function presentAudit(row: AuditLogTable): Omit<AuditEntry, 'entityName' | 'entityGone'> {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: parse(row.before),
    after: parse(row.after),
    ip: row.ip,
  };
}
