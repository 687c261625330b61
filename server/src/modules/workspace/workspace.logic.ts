/** Pure rules of the workspace module: defaults, which kind a notification type is, what an uploaded image is. */
import type { NotificationEvent, NotificationPreference, WorkspaceSettingsInput } from '../../../../contracts/workspace.js';
import { notificationEvents } from '../../../../contracts/workspace.js';

/**
 * A new workspace: Vietnamese conventions (the seeds' market), Monday to Friday 08:00–17:30; new users start in
 * English, as they did before the setting existed.
 */
export const DEFAULT_WORKSPACE: WorkspaceSettingsInput = {
  companyName: '',
  address: '',
  defaultCurrency: 'VND',
  timeZone: 'Asia/Ho_Chi_Minh',
  dateFormat: 'dd/mm/yyyy',
  numberFormat: '1.234,5',
  workingWeek: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:30' },
  defaultLanguage: 'en',
};

/**
 * The kind of a notification type, or null for one no kind covers yet (it stays on in the centre).
 * Example: eventOfType('activity.mention') → 'mentions'; eventOfType('task.overdue') → 'task_reminders'.
 */
export function eventOfType(type: string): NotificationEvent | null {
  if (type === 'activity.mention' || type.endsWith('.mention')) return 'mentions';
  if (/^task\.(reminder|due|overdue|digest)/.test(type)) return 'task_reminders';
  if (type === 'task.created' || type.startsWith('deal.stage_task')) return 'deal_stage_tasks';
  if (type.endsWith('.assigned')) return 'assignments';
  if (/^imports?\./.test(type)) return 'imports';
  if (/^duplicates?\./.test(type)) return 'duplicates';
  if (/^ticket\.sla_/.test(type)) return 'sla_escalations';
  return null;
}

/**
 * Until a user changes them: every kind in the centre, no email (opt in), no push — except SLA warnings and
 * escalations, which the service desk promises by email too (issue 16), so their email is on until turned off.
 */
export function defaultPreference(event: NotificationEvent): NotificationPreference {
  return { event, inApp: true, email: event === 'sla_escalations', push: false };
}

/** The full matrix: stored rows over the defaults, in the contract's order. */
export function preferenceMatrix(stored: NotificationPreference[]): NotificationPreference[] {
  return notificationEvents.map((e) => stored.find((s) => s.event === e) ?? defaultPreference(e));
}

/**
 * The image type by its first bytes (never by the name or the declared type): PNG or JPEG, else null.
 * SVG is refused on purpose: it can carry scripts.
 */
export function sniffImage(head: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return null;
}
