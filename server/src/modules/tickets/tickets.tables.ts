/** Row types of the tickets module's own tables (the `tickets` table itself is an engine table, read through the engine). */
declare module '../../platform/db/schema.js' {
  interface DB {
    ticket_counters: TicketCountersTable;
    ticket_calendars: TicketCalendarsTable;
    ticket_sla_policies: TicketSlaPoliciesTable;
    ticket_assignment_rules: TicketAssignmentRulesTable;
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
}

/** `conditions`: JSON `{ channel?, category?, priority?, keywords? }` (lists; any value of each listed key). `method`: round_robin | fewest_open. */
export interface TicketAssignmentRulesTable {
  id: string; name: string; position: number; conditions: string; team_id: string; method: string; active: number;
  created_at: string; updated_at: string;
}
