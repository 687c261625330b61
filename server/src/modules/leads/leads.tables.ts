/** Row types of the leads module's own tables (the `leads` table itself is an engine table, read through the engine). */
declare module '../../platform/db/schema.js' {
  interface DB {
    lead_scoring_rules: LeadScoringRulesTable;
    lead_assignment_rules: LeadAssignmentRulesTable;
    lead_assignment_counters: LeadAssignmentCountersTable;
  }
}

/** `value` is text (a number for gt/lt); `active` 0/1. */
export interface LeadScoringRulesTable {
  id: string; field: string; operator: string; value: string | null; points: number; active: number; position: number;
  created_at: string; updated_at: string;
}
/** `conditions`: JSON `{ source?: string[], region?: string[], product_interest?: string[] }`; exactly one of team_id / user_id. */
export interface LeadAssignmentRulesTable {
  id: string; name: string; position: number; conditions: string; team_id: string | null; user_id: string | null; active: number;
  created_at: string; updated_at: string;
}
/** Round-robin position per team: incremented in the assigning transaction (the row lock serialises concurrent captures). */
export interface LeadAssignmentCountersTable { team_id: string; counter: number }
