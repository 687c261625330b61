/**
 * The agent workspace's helpers (issue 16): canned responses — saved reply texts an agent inserts from the composer,
 * with placeholders filled from the ticket — and presence (who else is viewing or replying). Imports only zod.
 *
 *   GET    /api/v1/ticket-canned-responses?language=vi&q=…  → { data: CannedResponse[] } by title
 *   POST   /api/v1/ticket-canned-responses                  → 201 CannedResponse
 *   PUT    /api/v1/ticket-canned-responses/{id}             → 200 CannedResponse
 *   DELETE /api/v1/ticket-canned-responses/{id}             → 204
 *   PUT    /api/v1/tickets/{id}/presence { state }          → { data: PresenceEntry[] } the others on the ticket
 */
import { z } from 'zod';

export { cannedPlaceholders, renderCanned, unknownPlaceholders, type CannedPlaceholder } from './ticket-placeholders.js';

export const cannedResponseInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** Plain text with placeholders, e.g. "Chào {{requester.name}}, phiếu {{ticket.number}} …". */
  body: z.string().trim().min(1).max(20_000),
  /** The language it is written in (the picker offers the ticket's language first). */
  language: z.enum(['en', 'vi']),
});
export type CannedResponseInput = z.infer<typeof cannedResponseInput>;

export const cannedResponseSchema = cannedResponseInput.extend({
  id: z.string(),
  /** Who wrote it (null once that user is gone). */
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;
export const cannedResponseList = z.object({ data: z.array(cannedResponseSchema) });
export const cannedResponseQuery = z.object({
  language: z.enum(['en', 'vi']).optional(),
  /** Words of the title or body. */
  q: z.string().trim().max(200).optional(),
});

// ───────────────────────── presence (collision detection) ─────────────────────────

/**
 * PUT /api/v1/tickets/{id}/presence `{ state }` → the others on the ticket. An agent's page sends it every 10 s
 * (and at once when the composer starts or stops); `left` removes the caller. An entry lasts 30 s without news.
 */
export const presenceStates = ['viewing', 'replying'] as const;
export const presenceInput = z.strictObject({ state: z.enum([...presenceStates, 'left']) });
export const presenceEntry = z.object({ userId: z.string(), name: z.string(), state: z.enum(presenceStates), since: z.string() });
export type PresenceEntry = z.infer<typeof presenceEntry>;
export const presenceList = z.object({ data: z.array(presenceEntry) });

/**
 * The presence socket `GET /api/v1/tickets-presence/ws` (tickets read): the page sends `{ type: 'presence', ticketId,
 * state }` when it opens a ticket, every 10 s, when the composer starts or stops, and `left`; the server answers
 * `{ type: 'presence', ticketId, data }` and pushes the same whenever someone's state on a ticket the socket is on
 * changes (any node). `{ type: 'ready' }` first; `{ type: 'error', ticketId, field, status }` for a bad message or a
 * ticket the caller cannot read (404). Closing the socket leaves every ticket it was on.
 */
export const presenceSocketIn = z.strictObject({ type: z.literal('presence'), ticketId: z.string().min(1).max(100), state: z.enum([...presenceStates, 'left']) });
export type PresenceSocketIn = z.infer<typeof presenceSocketIn>;
export type PresenceSocketOut =
  | { type: 'ready' }
  | { type: 'presence'; ticketId: string; data: PresenceEntry[] }
  | { type: 'error'; ticketId: string | null; field: string | null; status: number };
