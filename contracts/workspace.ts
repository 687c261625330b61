/**
 * Workspace settings (company, formats, working week, default language) and each user's notification
 * preferences. Imports only zod.
 */
import { z } from 'zod';
import { isoDateTime, localeSchema } from './common.js';

/** How dates are written everywhere in the workspace (forms, lists, PDFs). */
export const dateFormats = ['dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd'] as const;
export type DateFormat = (typeof dateFormats)[number];
/** Thousands and decimal separators: "1.234,5" (Vietnamese usage) or "1,234.5". */
export const numberFormats = ['1.234,5', '1,234.5'] as const;
export type NumberFormat = (typeof numberFormats)[number];

/** Whether Intl knows the ISO 4217 code (every runtime Kith supports has supportedValuesOf). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}
/** Whether `zone` is an IANA time zone name (Region/City or UTC), not an offset. */
export function isTimeZone(zone: string): boolean {
  if (!/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm (24-hour)');

/** Days (ISO weekday: 1 = Monday … 7 = Sunday) and hours the workspace works; SLAs and reminders read it. */
export const workingWeekSchema = z.strictObject({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7)
    .refine((d) => new Set(d).size === d.length, 'a day is listed twice'),
  start: hhmm.describe('Start of the working day, HH:mm'),
  end: hhmm.describe('End of the working day, HH:mm (after start)'),
}).refine((w) => w.end > w.start, { path: ['end'], message: 'must be after start' });

/** PUT /settings/workspace: the whole settings object (the logo has its own routes). */
export const workspaceSettingsInput = z.strictObject({
  /** Shown in the app header and on PDFs and emails; empty shows "Kith". */
  companyName: z.string().trim().max(120),
  /** Postal address printed on documents, free text. */
  address: z.string().trim().max(500),
  /** ISO 4217 code of amounts entered without one. */
  defaultCurrency: z.string().trim().toUpperCase().refine(isCurrencyCode, 'not an ISO 4217 currency code'),
  /** IANA time zone of "today", working hours and reminders. */
  timeZone: z.string().trim().refine(isTimeZone, 'not an IANA time zone such as Asia/Ho_Chi_Minh'),
  dateFormat: z.enum(dateFormats),
  numberFormat: z.enum(numberFormats),
  workingWeek: workingWeekSchema,
  /** Language a new user starts with. */
  defaultLanguage: localeSchema,
});
export type WorkspaceSettingsInput = z.infer<typeof workspaceSettingsInput>;

/** The stored logo as clients see it: fetch `url` (it changes with the image, so it can be cached). */
export const workspaceLogoSchema = z.object({
  url: z.string(),
  mime: z.enum(['image/png', 'image/jpeg']),
  size: z.number().int(),
});

/** GET /settings/workspace: every signed-in user reads it (the web formats dates and numbers with it). */
export const workspaceSettingsSchema = z.object({
  companyName: z.string(),
  address: z.string(),
  defaultCurrency: z.string(),
  timeZone: z.string(),
  dateFormat: z.enum(dateFormats),
  numberFormat: z.enum(numberFormats),
  workingWeek: z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() }),
  defaultLanguage: localeSchema,
  logo: workspaceLogoSchema.nullable(),
  updatedAt: isoDateTime.nullable(),
  /** Changes with every save; send it back as If-Match ("3") so a stale form cannot overwrite a newer save (412). */
  version: z.number().int(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** Largest logo upload: 1 MiB. */
export const LOGO_MAX_BYTES = 1024 * 1024;

/** Ways a notification can reach a user. Push is stored now; no push transport exists yet. */
export const notificationChannels = ['inApp', 'email', 'push'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * Kinds of notification a user chooses channels for, each the notification `type`s it covers. A type
 * no kind covers (a module added later) goes to the notification centre only.
 */
export const notificationEvents = ['mentions', 'task_reminders', 'deal_stage_tasks', 'assignments', 'imports', 'duplicates', 'sla_escalations'] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

/** One row of the matrix: a kind of notification and its channels. */
export const notificationPreferenceSchema = z.strictObject({
  event: z.enum(notificationEvents),
  inApp: z.boolean(),
  email: z.boolean(),
  push: z.boolean(),
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

/** GET /me/notification-preferences */
export const notificationPreferencesSchema = z.object({
  events: z.array(notificationPreferenceSchema),
  /** Whether the server can send email (SMTP_URL set); push is not available yet. */
  available: z.object({ email: z.boolean(), push: z.boolean() }),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** PUT /me/notification-preferences: rows to change (others keep their value). */
export const notificationPreferencesInput = z.strictObject({
  events: z.array(notificationPreferenceSchema).min(1).max(notificationEvents.length)
    .refine((rows) => new Set(rows.map((r) => r.event)).size === rows.length, 'an event is listed twice'),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInput>;
