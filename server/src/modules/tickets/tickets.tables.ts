/** Row types of the tickets module's own tables (the `tickets` table itself is an engine table, read through the engine). */
declare module '../../platform/db/schema.js' {
  interface DB {
    ticket_counters: TicketCountersTable;
    ticket_calendars: TicketCalendarsTable;
    ticket_sla_policies: TicketSlaPoliciesTable;
    ticket_assignment_rules: TicketAssignmentRulesTable;
    ticket_surveys: TicketSurveysTable;
  }
}

/** Named sequences (`number`: the last ticket number given; `rr:<team id>`: a team's round-robin turn). Incremented in the writing transaction. */
export interface TicketCountersTable { name: string; value: number }

/**
 * A business-hours calendar. `hours`: JSON `{ "<weekday 0-6>": [{ start, end }] }` in minutes after local midnight;
 * `holidays`: JSON `[{ date: 'YYYY-MM-DD', name }]`. A team's calendar (`team_id`) wins over the default (`is_default` 1).
 */
export interface TicketCalendarsTable {
  id: string; name: string; time_zone: string; hours: string; holidays: string; team_id: string | null; is_default: number;
  created_at: string; updated_at: string;
}

/** Targets in business minutes; `priority` / `category` null match any. The first active match by position applies. */
export interface TicketSlaPoliciesTable {
  id: string; name: string; priority: string | null; category: string | null; first_response_minutes: number; resolution_minutes: number;
  position: number; active: number; created_at: string; updated_at: string;
  /** Business minutes an agent has to answer a customer's reply (null: no next-response target). Migration 20261207_1230. */
  next_response_minutes: number | null;
  /** The warning goes out when this share of a target's time has passed (default 80). */
  warn_at_percent: number;
  /** At a breach: raise the priority one step (1) and/or move the ticket to this team (fewest open agent). */
  raise_priority: number; reassign_to_team: string | null;
  /** The customer tier it applies to (null: any). Migration 20261207_1620. */
  customer_tier?: string | null;
}

/** `conditions`: JSON `{ channel?, category?, priority?, keywords?, company?, customerTier?, language? }` (lists; any value of each listed key). `method`: round_robin | fewest_open. */
export interface TicketAssignmentRulesTable {
  id: string; name: string; position: number; conditions: string; team_id: string; method: string; active: number;
  created_at: string; updated_at: string;
  /** Action: the priority the rule sets before the rules are tried again (null: none). Migration 20261207_1620. */
  set_priority?: string | null;
}

/**
 * The satisfaction survey of a solved ticket: the one-click link's token is stored as its SHA-256 only; a second answer
 * replaces the first (same row). `sent_at` is claimed by the mailing job (at most once).
 */
export interface TicketSurveysTable {
  id: string; ticket_id: string; token_hash: string; requester: string | null; agent: string | null; language: string;
  score: number | null; comment: string | null; sent_at: string | null; answered_at: string | null; expires_at: string;
  created_at: string; updated_at: string;
}
