/**
 * Ticket conversation wire shapes (issue 16): public replies and internal notes on a ticket, their attachments,
 * the inbound-mail quarantine and the acknowledgement templates. Imports only zod.
 *
 *   GET  /api/v1/tickets/{id}/messages                       → { data: TicketMessage[] } oldest first
 *   POST /api/v1/tickets/{id}/messages  { kind, body, status? } → 201 TicketMessage
 *   GET  /api/v1/tickets/{id}/messages/{messageId}/attachments/{attId} → the file (attachment disposition)
 */
import { z } from 'zod';

export const ticketMessageKinds = ['reply', 'note'] as const;
/** Statuses an agent's reply may leave the ticket in. */
export const replyStatuses = ['open', 'waiting_on_customer', 'on_hold', 'solved'] as const;

/** One attachment of a message (inbound mail's files and inline images, or an agent's upload). */
export const ticketAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Set for an inline image (`cid:` reference in the HTML body). */
  contentId: z.string().nullable(),
  /** Where to download it (same-origin, needs the session). */
  url: z.string(),
});
export type TicketAttachment = z.infer<typeof ticketAttachmentSchema>;

export const ticketMessageSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  /** reply: public (mailed to the requester when an agent writes it); note: internal, never mailed. */
  kind: z.enum(ticketMessageKinds),
  /** in: from the requester (mail or form); out: from an agent. */
  direction: z.enum(['in', 'out']),
  /** The agent who wrote it (user), or null. */
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The requester's contact for an inbound message, or null. */
  contactId: z.string().nullable(),
  fromAddress: z.string().nullable(),
  toAddress: z.string().nullable(),
  subject: z.string().nullable(),
  /** Plain text; for inbound mail the quoted history is trimmed off (see `fullText`). */
  bodyText: z.string(),
  /** Sanitised HTML (the activities module's sanitiser), or null. */
  bodyHtml: z.string().nullable(),
  /** The untrimmed text of an inbound mail (with its quoted history), or null when nothing was trimmed. */
  fullText: z.string().nullable(),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  /** none (notes, inbound), queued, sent, failed (after the job's last attempt), skipped (no requester email or no SMTP). */
  mailStatus: z.string(),
  attachments: z.array(ticketAttachmentSchema),
  createdAt: z.string(),
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;
export const ticketMessageList = z.object({ data: z.array(ticketMessageSchema) });

/** An inline file of a reply (base64), at most 10 per message; each within the attachment limit (10 MiB default). */
export const ticketReplyFileInput = z.strictObject({
  filename: z.string().trim().min(1).max(255),
  contentType: z.string().trim().max(200).optional(),
  /** The file's bytes, base64. */
  contentBase64: z.string().max(15_000_000),
});

/** POST /tickets/{id}/messages. `body` is required (400 naming `body`); it is plain text or HTML (sanitised). */
export const ticketMessageInput = z.strictObject({
  kind: z.enum(ticketMessageKinds),
  body: z.string().max(100_000),
  /** For a reply: the ticket's status afterwards (a reply to a `new` ticket without it makes it `open`). */
  status: z.enum(replyStatuses).optional(),
  attachments: z.array(ticketReplyFileInput).max(10).optional(),
});
export type TicketMessageInput = z.infer<typeof ticketMessageInput>;

export const inboundStatuses = ['stored', 'ticket', 'ignored', 'quarantined'] as const;
/** One received mail as stored before processing (nothing is lost): GET /tickets-inbound?status=… */
export const inboundMailSchema = z.object({
  id: z.string(),
  status: z.enum(inboundStatuses),
  /** Why it was ignored (auto-reply, bounce, loop) or quarantined (no From, unparseable); null otherwise. */
  reason: z.string().nullable(),
  fromAddress: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
  ticketId: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});
export type InboundMail = z.infer<typeof inboundMailSchema>;
export const inboundMailList = z.object({ data: z.array(inboundMailSchema) });
export const inboundMailQuery = z.object({ status: z.enum(inboundStatuses).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** An acknowledgement template (per team and language; team null = the default). Placeholders {{number}}, {{subject}}, {{name}}. */
export const mailTemplateInput = z.strictObject({
  teamId: z.string().nullable(),
  language: z.enum(['en', 'vi']),
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20_000),
});
export type MailTemplateInput = z.infer<typeof mailTemplateInput>;
export const mailTemplateSchema = mailTemplateInput.extend({ id: z.string(), updatedAt: z.string() });
export type MailTemplate = z.infer<typeof mailTemplateSchema>;
export const mailTemplateList = z.object({ data: z.array(mailTemplateSchema) });
