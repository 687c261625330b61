/**
 * Activities and the 360° timeline: notes, calls, meetings, logged emails and tasks on a contact, a
 * company or any engine record (`recordType` + `recordId`: a deal, a ticket, a custom object's record), their attachments, and the merged timeline (activities + field changes + items other modules
 * add through the timeline extension point). All routes live under /api/v1. Bodies are strict.
 */
import { z } from 'zod';
import { idSchema, isoDateTime, pageOf, pageQuery } from './common.js';

export const activityTypes = ['note', 'call', 'meeting', 'email', 'task'] as const;
export const activityType = z.enum(activityTypes);
export type ActivityType = z.infer<typeof activityType>;
export const directions = ['inbound', 'outbound'] as const;

/** Rich-text bodies are sanitised on the server (basic formatting, links, mentions); at most 100,000 characters. */
export const MAX_BODY_LENGTH = 100_000;
const dateTime = z.iso.datetime({ offset: true });

const activityFields = {
  subject: z.string().trim().max(500).nullable().optional(),
  /** HTML from the editor. Mentions: `<span data-mention-id="<userId>">@Name</span>` or `@[Name](<userId>)`; each mentioned user is notified once. */
  body: z.string().max(MAX_BODY_LENGTH).nullable().optional(),
  contactId: idSchema.nullable().optional(),
  companyId: idSchema.nullable().optional(),
  /** Defaults to the caller. */
  ownerId: idSchema.nullable().optional(),
  /** When it happened (calls, meetings, emails, notes); defaults to now. */
  occurredAt: dateTime.optional(),
  /** Calls and meetings: length in seconds. */
  durationSeconds: z.number().int().min(0).max(7 * 24 * 3600).nullable().optional(),
  /** Calls and emails. */
  direction: z.enum(directions).nullable().optional(),
  /** Calls: answered, no_answer, busy, voicemail, … (free text up to 60 characters). */
  outcome: z.string().trim().max(60).nullable().optional(),
  /** Tasks: when it is due. */
  dueAt: dateTime.nullable().optional(),
  /** Tasks: when to remind the owner (a notification); must not be after dueAt. */
  remindAt: dateTime.nullable().optional(),
  /** Meetings. */
  location: z.string().trim().max(300).nullable().optional(),
  /** Logged emails. */
  emailFrom: z.string().trim().max(320).nullable().optional(),
  emailTo: z.array(z.string().trim().max(320)).max(50).nullable().optional(),
};

const readOnly = {
  id: z.never({ error: 'id is read-only' }).optional(),
  version: z.never({ error: 'version is read-only; send If-Match instead' }).optional(),
  completedAt: z.never({ error: 'completedAt is read-only; use POST /activities/{id}/complete' }).optional(),
  createdAt: z.never({ error: 'createdAt is read-only' }).optional(),
  updatedAt: z.never({ error: 'updatedAt is read-only' }).optional(),
};

/** An engine object's API name (`deals`, `tickets`, `vehicles`…): the type of record an activity is on. */
export const activityRecordType = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'an object API name, e.g. deals');

/**
 * POST /activities: a type and what it is on: a contact, a company (or both), or an engine record by
 * `recordType` + `recordId` (the caller needs read on that object; the record cannot change afterwards).
 */
export const activityInput = z
  .strictObject({ type: activityType, ...activityFields, recordType: activityRecordType.optional(), recordId: idSchema.optional(), ...readOnly })
  .refine((a) => !a.recordType === !a.recordId, { message: 'recordType and recordId go together', path: ['recordId'] })
  .refine((a) => !!(a.contactId || a.companyId || a.recordId), { message: 'an activity belongs to a contact, a company or a record (recordType + recordId)', path: ['contactId'] });
export type ActivityInput = z.infer<typeof activityInput>;
/** PATCH /activities/{id}: any subset (the type cannot change). */
export const activityPatch = z.strictObject({
  ...activityFields, ...readOnly, type: z.never({ error: 'type cannot change' }).optional(),
  recordType: z.never({ error: 'recordType cannot change' }).optional(), recordId: z.never({ error: 'recordId cannot change' }).optional(),
});
export type ActivityPatch = z.infer<typeof activityPatch>;
/** POST /activities/{id}/complete: `completed: false` reopens a task. */
export const completeBody = z.strictObject({ completed: z.boolean().default(true) });

const userRef = z.object({ id: idSchema, name: z.string() });

export const attachmentSchema = z.object({
  id: idSchema,
  activityId: idSchema,
  filename: z.string(),
  /** Decided by the server from the checked file type, never taken from the client. */
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdBy: idSchema.nullable(),
  createdAt: isoDateTime,
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const activitySchema = z.object({
  id: idSchema,
  type: activityType,
  subject: z.string().nullable(),
  /** Sanitised HTML. */
  body: z.string().nullable(),
  contactId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  /** The engine record it is on (`deals` + id), or null for a contact's/company's activity. */
  recordType: z.string().nullable(),
  recordId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
  owner: userRef.nullable(),
  teamId: idSchema.nullable(),
  occurredAt: isoDateTime,
  durationSeconds: z.number().int().nullable(),
  direction: z.enum(directions).nullable(),
  outcome: z.string().nullable(),
  dueAt: isoDateTime.nullable(),
  remindAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  location: z.string().nullable(),
  emailFrom: z.string().nullable(),
  emailTo: z.array(z.string()),
  /** User ids mentioned in the body. */
  mentions: z.array(idSchema),
  attachments: z.array(attachmentSchema),
  version: z.number().int(),
  createdBy: idSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Activity = z.infer<typeof activitySchema>;

/** GET /activities: the caller's visible activities; `contactId`/`companyId` or `recordType`+`recordId` narrow to one record (needs read on it). */
export const activityListQuery = pageQuery.extend({
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  recordType: activityRecordType.optional(),
  recordId: idSchema.optional(),
  /** Comma-separated types, e.g. `task` or `call,meeting`. */
  types: z.string().max(100).optional(),
  ownerId: idSchema.optional(),
  /** Tasks only: `open` (not completed) or `done`. With `open`, sorted by due date (soonest first). */
  status: z.enum(['open', 'done']).optional(),
  /** Tasks due before this instant. */
  dueBefore: dateTime.optional(),
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;
export const activityPage = pageOf(activitySchema);

// ───────────────────────── timeline ─────────────────────────

/**
 * Item types of the built-in sources; other modules add theirs (ticket, deal, order, campaign…). On an engine
 * record, `field_change` items are its `updated` events and `record_event` its created/deleted/restored ones
 * (`data.event`).
 */
export const builtinTimelineTypes = [...activityTypes, 'field_change', 'record_event'] as const;

export const fieldChangeSchema = z.object({
  field: z.string(),
  /** Old and new values; null when the value was erased or is not shown. */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** True when the field is classified above the reader's level: it changed, its values are not shown. */
  masked: z.boolean().optional(),
});

export const timelineItemSchema = z.object({
  /** Unique across sources (record ids are UUIDv7). */
  id: z.string(),
  /** note | call | meeting | email | task | field_change | an extension's type. */
  type: z.string(),
  /** Which source produced it: `activities`, `audit`, or an extension's name. */
  source: z.string(),
  occurredAt: isoDateTime,
  title: z.string(),
  actor: userRef.nullable(),
  /** Set for activity items. */
  activity: activitySchema.nullable(),
  /** On a company's timeline: the contact an activity is about (the company's people's activities roll up), when the reader may see it. */
  contact: userRef.nullable().optional(),
  /** Set for field_change items. */
  changes: z.array(fieldChangeSchema).nullable(),
  /** Extension items: their own payload and a link to open them. */
  data: z.record(z.string(), z.unknown()).nullable(),
  link: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

/** GET /contacts/{id}/timeline and /companies/{id}/timeline: newest first, keyset paginated. */
export const timelineQuery = pageQuery.extend({
  /** Comma-separated item types, e.g. `note,call,field_change`. */
  types: z.string().max(300).optional(),
});
export const timelinePage = pageOf(timelineItemSchema);

/**
 * GET /activities/timeline?recordType=deals&recordId=…: an engine record's one stream, newest first — its
 * activities and its field events (record_events) merged by (occurredAt, id) with one keyset cursor.
 */
export const recordTimelineQuery = timelineQuery.extend({
  /** Required (400 naming it when left out; checked after the cursor, so a bad cursor is always named first). */
  recordType: activityRecordType.optional(),
  /** Required, with recordType. */
  recordId: idSchema.optional(),
});

// ───────────────────────── attachments ─────────────────────────

/** Default upload limit (setting `attachments.maxBytes`). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Extensions accepted; the file's leading bytes must match the extension's type. */
export const attachmentExtensions = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'txt', 'csv', 'docx', 'xlsx', 'pptx', 'zip'] as const;
export const attachmentParams = z.object({ id: idSchema, attId: idSchema });
export const attachmentList = z.object({ data: z.array(attachmentSchema) });
