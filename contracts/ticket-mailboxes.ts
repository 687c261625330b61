/**
 * Support mailboxes polled over IMAP (issue 16 item 2): each enabled mailbox's folder is read for unseen mail, which
 * goes through the same inbound pipeline as the SMTP listener. Imports only zod.
 *
 *   GET    /api/v1/ticket-mailboxes                 → { data: TicketMailbox[] }   (never the password)
 *   POST   /api/v1/ticket-mailboxes                 { …TicketMailboxInput } → 201 TicketMailbox
 *   PUT    /api/v1/ticket-mailboxes/{id}            { …TicketMailboxInput, password optional: kept when absent }
 *   DELETE /api/v1/ticket-mailboxes/{id}            → 204
 *   POST   /api/v1/ticket-mailboxes/{id}/test       → { ok, error?, unseen? } (connects, opens the folder)
 *   POST   /api/v1/ticket-mailboxes/{id}/poll       → PollResult (polls now)
 */
import { z } from 'zod';

export const mailboxAfterActions = ['seen', 'move'] as const;

const host = z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address');

/** What an admin sends. On PUT a missing or empty `password` keeps the stored one. */
export const ticketMailboxInput = z.strictObject({
  /** A label shown in Settings, e.g. "Support (Hà Nội)". */
  name: z.string().trim().min(1).max(120),
  host,
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (port 993); false: plain, upgraded by STARTTLS when the server offers it. */
  tls: z.boolean(),
  username: z.string().trim().min(1).max(255),
  password: z.string().min(1).max(500).optional(),
  /** The folder read for unseen mail (default INBOX). */
  folder: z.string().trim().min(1).max(255).default('INBOX'),
  /** After the mail is stored: flag it \Seen, or move it to `moveTo`. */
  afterAction: z.enum(mailboxAfterActions).default('seen'),
  moveTo: z.string().trim().min(1).max(255).nullable().default(null),
  /** Tickets opened from this mailbox go to this team (null: the assignment rules decide). */
  teamId: z.string().nullable().default(null),
  enabled: z.boolean().default(true),
});
export type TicketMailboxInput = z.input<typeof ticketMailboxInput>;

export const ticketMailboxSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  tls: z.boolean(),
  username: z.string(),
  /** Whether a password is stored (the password itself never leaves the server). */
  hasPassword: z.boolean(),
  folder: z.string(),
  afterAction: z.enum(mailboxAfterActions),
  moveTo: z.string().nullable(),
  teamId: z.string().nullable(),
  enabled: z.boolean(),
  /** The last UID read and the folder's UIDVALIDITY it belongs to (a new UIDVALIDITY starts over, deduplicated). */
  lastUid: z.number().int(),
  uidValidity: z.string().nullable(),
  lastPollAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** The last poll's error (auth failure, host down, missing folder), cleared by a successful poll. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketMailbox = z.infer<typeof ticketMailboxSchema>;
export const ticketMailboxList = z.object({ data: z.array(ticketMailboxSchema) });

export const mailboxTestResult = z.object({
  ok: z.boolean(),
  /** Why the connection failed, or null. */
  error: z.string().nullable(),
  /** Unseen messages in the folder when it opened. */
  unseen: z.number().int().nullable(),
});
export type MailboxTestResult = z.infer<typeof mailboxTestResult>;

export const mailboxPollResult = z.object({
  /** Messages stored and processed in this poll. */
  fetched: z.number().int(),
  /** false when another worker was polling this mailbox (nothing done). */
  polled: z.boolean(),
  error: z.string().nullable(),
});
export type MailboxPollResult = z.infer<typeof mailboxPollResult>;

/** POST /tickets-inbound/{id}/ticket: turn a quarantined mail into a ticket, naming the requester when it had no usable From. */
export const inboundToTicketInput = z.strictObject({
  /** The requester's address (required when the mail has no valid From). */
  email: z.string().trim().toLowerCase().email().max(254).optional(),
});

/** GET /tickets-inbound/{id}/parsed: a received mail read for a person (the quarantine's viewer). */
export const inboundParsedSchema = z.object({
  /** null when the mail could not be parsed (see `error`). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  date: z.string().nullable(),
  messageId: z.string().nullable(),
  /** The plain-text body (HTML turned to text when there is no text part). */
  text: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
  /** The beginning of the raw source (at most 200 000 characters), as received. */
  source: z.string(),
  /** The parser's error, when the mail could not be read. */
  error: z.string().nullable(),
});
export type InboundParsed = z.infer<typeof inboundParsedSchema>;

/** GET /ticket-mail-templates/defaults: the built-in acknowledgement (sent when no template applies), per language. */
export const mailTemplateDefaults = z.object({
  en: z.object({ subject: z.string(), body: z.string() }),
  vi: z.object({ subject: z.string(), body: z.string() }),
  /** The placeholders a template may use. */
  placeholders: z.array(z.string()),
});
