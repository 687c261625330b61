/** Row types of the IMAP support mailboxes (migration in tickets.imap.migrations.ts). */
declare module '../../platform/db/schema.js' {
  interface DB {
    ticket_mailboxes: TicketMailboxesTable;
    ticket_mailbox_messages: TicketMailboxMessagesTable;
  }
}

/**
 * A support mailbox read over IMAP. `password` is stored as given (like the other credentials the server keeps: the
 * database is the secret store) and never leaves the server. `last_uid` is the highest UID stored under
 * `uid_validity`; `locked_until` is the lease of the worker polling it.
 */
export interface TicketMailboxesTable {
  id: string; name: string; host: string; port: number; tls: number; username: string; password: string; folder: string;
  after_action: string; move_to: string | null; team_id: string | null; enabled: number; uid_validity: string | null;
  last_uid: number; locked_until: string | null; last_poll_at: string | null; last_success_at: string | null; last_error: string | null;
  created_at: string; updated_at: string;
}

/** A message taken from a mailbox (stored as `inbound_id`); `flagged_at` once it was marked \Seen or moved. */
export interface TicketMailboxMessagesTable {
  mailbox_id: string; uid_validity: string; uid: number; inbound_id: string; flagged_at: string | null; created_at: string;
}
