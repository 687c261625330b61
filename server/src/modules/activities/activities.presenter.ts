import type { Activity, ActivityType, Attachment } from '../../../../contracts/activities.js';
import type { ActivityRow, AttachmentRow } from './activities.repository.js';

function jsonArray(text: string | null): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function presentAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    activityId: r.activity_id,
    filename: r.filename,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Every field that leaves the server, in camelCase (snake_case stops here). */
export function presentActivity(r: ActivityRow, attachments: AttachmentRow[] = []): Activity {
  return {
    id: r.id,
    type: r.type as ActivityType,
    subject: r.subject,
    body: r.body,
    contactId: r.contact_id,
    companyId: r.company_id,
    recordType: r.record_type,
    recordId: r.record_id,
    ownerId: r.owner_id,
    owner: r.owner_id && r.owner_name !== null ? { id: r.owner_id, name: r.owner_name } : null,
    teamId: r.team_id,
    occurredAt: r.occurred_at,
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
    direction: r.direction as Activity['direction'],
    outcome: r.outcome,
    dueAt: r.due_at,
    remindAt: r.remind_at,
    completedAt: r.completed_at,
    location: r.location,
    emailFrom: r.email_from,
    emailTo: jsonArray(r.email_to),
    mentions: jsonArray(r.mentions),
    attachments: attachments.filter((a) => a.activity_id === r.id).map(presentAttachment),
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What the audit log keeps of an activity (personal parts are split off by the privacy data store). */
export function auditSnapshot(a: Activity): Record<string, unknown> {
  const { attachments: _a, owner: _o, ...rest } = a;
  return rest;
}
