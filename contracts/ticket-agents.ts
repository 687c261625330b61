/**
 * Service-desk agents' availability (`/ticket-agents`): a status the agent sets (available / away / offline) and the
 * working hours assignment honours (always, the team's calendar, or a calendar of their own). Imports only zod.
 */
import { z } from 'zod';

export const agentStatuses = ['available', 'away', 'offline'] as const;
export type AgentStatus = (typeof agentStatuses)[number];
/** `always`: any time; `team`: the team's calendar (else the default one); `calendar`: `calendarId`. */
export const agentHoursModes = ['always', 'team', 'calendar'] as const;

/** PUT /ticket-agents/me (the agent) or /ticket-agents/{userId} (tickets manage). Absent keys keep their value. */
export const agentStatusInput = z.strictObject({
  status: z.enum(agentStatuses).optional(),
  hours: z.enum(agentHoursModes).optional(),
  /** The agent's own calendar (hours `calendar`); 400 naming `calendarId` when unknown or missing. */
  calendarId: z.string().min(1).max(100).nullable().optional(),
});
export type AgentStatusInput = z.infer<typeof agentStatusInput>;

export const agentSchema = z.object({
  userId: z.string(), name: z.string(), teamId: z.string().nullable(),
  status: z.enum(agentStatuses), hours: z.enum(agentHoursModes), calendarId: z.string().nullable(),
  /** Status and working hours both allow assignment now. */
  availableNow: z.boolean(),
  /** Live tickets not solved or closed. */
  openTickets: z.number().int(),
  statusChangedAt: z.string().nullable(),
});
export type Agent = z.infer<typeof agentSchema>;
export const agentList = z.object({ data: z.array(agentSchema) });
