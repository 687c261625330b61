/** Row types of the ticket conversation's tables (migrations in tickets.messages.migrations.ts). */
declare module '../../platform/db/schema.js' {
  interface DB {
    ticket_messages: TicketMessagesTable;
    ticket_attachments: TicketAttachmentsTable;
    ticket_inbound_mail: TicketInboundMailTable;
    ticket_mail_templates: TicketMailTemplatesTable;
  }
}

/**
 * One message of a ticket's conversation. `kind` reply (public) | note (internal, never mailed); `direction` in (from
 * the requester) | out (an agent's). `author_user_id` for an agent, `author_contact_id` for the requester.
 * `body_text` is trimmed of quoted history on the way in; `full_text` keeps the untrimmed text (null when equal).
 * `message_id` / `in_reply_to` / `references_header` are RFC 5322 ids with angle brackets (`references_header`: space
 * separated). `mail_status`: none | queued | sent | failed | skipped.
 */
export interface TicketMessagesTable {
  id: string; ticket_id: string; kind: string; direction: string; author_user_id: string | null; author_contact_id: string | null;
  from_address: string | null; to_address: string | null; subject: string | null; body_text: string; body_html: string | null; full_text: string | null;
  message_id: string | null; in_reply_to: string | null; references_header: string | null; mail_status: string; inbound_id: string | null;
  created_at: string;
}

/** A file of a message, stored like activities' attachments at `<dataDir>/attachments/<yyyy>/<mm>/<id>` (`path`). */
export interface TicketAttachmentsTable {
  id: string; message_id: string; filename: string; content_type: string; size: number; path: string; sha256: string;
  content_id: string | null; created_at: string;
}

/**
 * A received mail, stored raw before it is processed so nothing is lost. `status` stored (not processed yet) | ticket
 * (became or joined `ticket_id`) | ignored (auto-reply, bounce, loop: never answered nor ticketed) | quarantined
 * (missing From, unparseable; `reason`), retried through the API.
 */
export interface TicketInboundMailTable {
  id: string; raw: Buffer; size: number; status: string; reason: string | null; from_address: string | null; subject: string | null;
  message_id: string | null; ticket_id: string | null; received_at: string; processed_at: string | null;
}

/** The acknowledgement of a new ticket per team (null = default) and language, with {{number}}, {{subject}}, {{name}}. */
export interface TicketMailTemplatesTable {
  id: string; team_id: string | null; language: string; subject: string; body: string; created_at: string; updated_at: string;
}
