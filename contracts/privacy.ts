/**
 * Personal data of one contact: export (zip of JSON + CSV + files), erase (irreversible), and the
 * recycle-bin purge. All routes live under /api/v1.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

/** POST /contacts/{id}/erase: needs `manage` on contacts. The body must confirm, since it cannot be undone. */
export const eraseBody = z.strictObject({
  /** Must be true: erasure is irreversible. */
  confirm: z.literal(true, { error: 'send confirm: true — erasure cannot be undone' }),
});
export const eraseResponse = z.object({
  id: idSchema,
  erasedAt: isoDateTime,
  /** The contact and any contacts that had been merged into it. */
  erased: z.array(idSchema),
});

/** POST /recycle-bin/purge (admin): hard-delete now what lies in the recycle bin longer than `days` (default: setting recycle.purgeDays, 30). */
export const purgeBody = z.strictObject({ days: z.number().int().min(0).max(3650).optional() });
export const purgeResponse = z.object({
  contacts: z.number().int(),
  companies: z.number().int(),
  /** Records still referenced elsewhere and left in place. */
  skipped: z.number().int(),
  /** Records deleted before this instant were purged. */
  cutoff: isoDateTime,
});

/** Files inside the export zip. */
export const exportFiles = ['contact.json', 'contact.csv', 'activities.csv', 'consent_history.csv', 'attachments.csv'] as const;
