/** Row type of the canned responses' table (migration in tickets.canned.migrations.ts). */
declare module '../../platform/db/schema.js' {
  interface DB {
    ticket_canned_responses: TicketCannedResponsesTable;
  }
}

/** A saved reply text with placeholders (`{{requester.name}}` …), in `language` en | vi; shared by every agent. */
export interface TicketCannedResponsesTable {
  id: string; title: string; body: string; language: string; created_by: string | null; created_at: string; updated_at: string;
}
