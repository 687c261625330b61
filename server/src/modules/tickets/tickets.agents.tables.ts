/** Row type of the agents' availability (migration in tickets.agents.migrations.ts). */
declare module '../../platform/db/schema.js' {
  interface DB {
    ticket_agents: TicketAgentsTable;
  }
}

/**
 * An agent's availability; no row = available at any time. `status` available | away | offline (set by the agent);
 * `hours` always | team (the team's calendar, else the default) | calendar (`calendar_id`).
 */
export interface TicketAgentsTable {
  user_id: string; status: string; hours: string; calendar_id: string | null; status_changed_at: string | null; updated_at: string;
}
