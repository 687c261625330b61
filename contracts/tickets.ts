/**
 * Tickets module wire shapes: the public request form. Tickets themselves travel as engine records
 * (contracts/records.ts, `/api/v1/tickets`). Imports only zod.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max).optional();

/**
 * POST /public/tickets (no session): what the support form sends. `email`, `subject` and `description` are
 * required (400 naming the field). `website` is a honeypot a person never fills (hidden field): a filled one is
 * answered like a success and nothing is stored.
 */
export const publicTicketInput = z.object({
  /** The requester's name (used when a new contact is created for the email). */
  name: text(200),
  /** The requester's email: the contact is found by it, or created. */
  email: z.string().trim().max(320),
  subject: z.string().trim().max(300),
  description: z.string().trim().max(20_000),
  /** One of the ticket categories (question, incident, billing, account, feature_request, other). */
  category: text(40),
  /** The language the requester wrote in and wants answers in. */
  language: z.enum(['en', 'vi']).optional(),
  website: z.string().max(2000).optional(),
});
export type PublicTicketInput = z.infer<typeof publicTicketInput>;
/** `number` is the new ticket's number (`#10001`), shown to the requester. */
export const publicTicketAnswer = z.object({ ok: z.literal(true), number: z.string().nullable(), message: z.string() });
export type PublicTicketAnswer = z.infer<typeof publicTicketAnswer>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');

/** One working interval of a weekday (0 = Sunday … 6 = Saturday), local time `[start, end)`. */
export const workIntervalSchema = z.object({ day: z.number().int().min(0).max(6), start: hhmm, end: hhmm });
export const holidaySchema = z.object({ date: z.iso.date(), name: z.string().trim().min(1).max(200) });

/** POST/PUT /ticket-calendars: business hours. A calendar without working hours is refused (400 naming `hours`). */
export const calendarInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** IANA time zone (400 naming `timeZone` when unknown). */
  timeZone: z.string().trim().min(1).max(100),
  hours: z.array(workIntervalSchema).max(50),
  holidays: z.array(holidaySchema).max(500).optional(),
  /** The team whose tickets this calendar times (one calendar per team). */
  teamId: z.string().nullable().optional(),
  /** The calendar of tickets whose team has none. */
  isDefault: z.boolean().optional(),
});
export type CalendarInput = z.infer<typeof calendarInput>;
export const calendarSchema = z.object({
  id: z.string(), name: z.string(), timeZone: z.string(), hours: z.array(workIntervalSchema), holidays: z.array(holidaySchema),
  teamId: z.string().nullable(), isDefault: z.boolean(), updatedAt: z.string(),
});
export type Calendar = z.infer<typeof calendarSchema>;
export const calendarList = z.object({ data: z.array(calendarSchema) });

const priorities = ['low', 'normal', 'high', 'urgent'] as const;
/** Customer tiers (the `customer_tier` custom field of companies and contacts; a ticket stores its requester's at create). */
export const customerTiers = ['standard', 'silver', 'gold', 'vip'] as const;
export type CustomerTier = (typeof customerTiers)[number];
/** POST/PUT /ticket-sla-policies: targets in business minutes; the first active policy (by position) matching priority and category applies. */
export const slaPolicyInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** null: any priority. */
  priority: z.enum(priorities).nullable().optional(),
  /** A ticket category; null: any category. */
  category: z.string().trim().max(40).nullable().optional(),
  /** The ticket's customer tier; null: any tier. The most specific matching policy wins (see the tickets README). */
  customerTier: z.enum(customerTiers).nullable().optional(),
  firstResponseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  /** Business minutes an agent has to answer each reply of the customer; null: no next-response target. */
  nextResponseMinutes: z.number().int().min(1).max(525_600).nullable().optional(),
  /** The warning goes out when this share of a target's time has passed (default 80). */
  warnAtPercent: z.number().int().min(1).max(99).optional(),
  /** At a breach, raise the ticket's priority one step (urgent stays urgent). */
  raisePriority: z.boolean().optional(),
  /** At a breach, move the ticket to this team (its agent with the fewest open tickets); 400 naming it when unknown. */
  reassignToTeam: z.string().nullable().optional(),
  position: z.number().int().min(0).optional(),
  active: z.boolean().optional(),
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;
export const slaPolicySchema = z.object({
  id: z.string(), name: z.string(), priority: z.enum(priorities).nullable(), category: z.string().nullable(), firstResponseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(), position: z.number().int(), active: z.boolean(), updatedAt: z.string(),
  nextResponseMinutes: z.number().int().nullable(), warnAtPercent: z.number().int(), raisePriority: z.boolean(), reassignToTeam: z.string().nullable(),
  customerTier: z.enum(customerTiers).nullable(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
export const slaPolicyList = z.object({ data: z.array(slaPolicySchema) });

/** Conditions of an assignment rule: each listed key must match (any of its values); keywords are looked for in subject and description. */
export const assignmentConditions = z.strictObject({
  channel: z.array(z.string().max(40)).max(10).optional(),
  category: z.array(z.string().max(40)).max(20).optional(),
  priority: z.array(z.enum(priorities)).max(4).optional(),
  keywords: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** Company ids (the ticket's company). */
  company: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** The ticket's customer tier (its requester's, taken at create). */
  customerTier: z.array(z.enum(customerTiers)).max(4).optional(),
  /** The requester's language: the ticket's, or Vietnamese when subject or description carry Vietnamese letters. */
  language: z.array(z.enum(['en', 'vi'])).max(2).optional(),
});
/** POST/PUT /ticket-assignment-rules: ordered rules → a team; inside it round robin or fewest open tickets among active agents. */
export const ticketAssignmentRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  conditions: assignmentConditions.optional(),
  teamId: z.string().min(1),
  method: z.enum(['round_robin', 'fewest_open']),
  /**
   * Action: set the ticket's priority, then try the rules again from the first (so a later rule may see it). A rule set
   * whose priority changes could go round in a loop is refused (400 naming `setPriority` and the rules).
   */
  setPriority: z.enum(priorities).nullable().optional(),
  position: z.number().int().min(0).optional(),
  active: z.boolean().optional(),
});
export type TicketAssignmentRuleInput = z.infer<typeof ticketAssignmentRuleInput>;
export const ticketAssignmentRuleSchema = z.object({
  id: z.string(), name: z.string(), conditions: assignmentConditions, teamId: z.string(), teamName: z.string().nullable(),
  method: z.enum(['round_robin', 'fewest_open']), position: z.number().int(), active: z.boolean(), updatedAt: z.string(),
  setPriority: z.enum(priorities).nullable(),
});
export type TicketAssignmentRule = z.infer<typeof ticketAssignmentRuleSchema>;
export const ticketAssignmentRuleList = z.object({ data: z.array(ticketAssignmentRuleSchema) });

/** The survey link's token (opaque, base64url) in `/public/surveys/{token}`. */
export const surveyParams = z.object({ token: z.string().min(10).max(200) });
/** GET /public/surveys/{token} (no sign-in): what the requester is asked about, and their answer so far. */
export const surveySchema = z.object({
  number: z.string(), subject: z.string(), language: z.enum(['en', 'vi']), companyName: z.string(),
  /** 1 (very unhappy) … 5 (very happy); null before the first answer. */
  score: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(), answeredAt: z.string().nullable(), expiresAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;
/** POST /public/surveys/{token}: the score (1–5, 400 naming `score`) and an optional comment; a second answer replaces the first. */
export const surveyAnswerInput = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).nullable().optional(),
});
export type SurveyAnswerInput = z.infer<typeof surveyAnswerInput>;

/** GET /tickets/stats/agents: per agent over the tickets the reader may see (created in [from, to) when given). */
export const agentStatsQuery = z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() });
export const agentStatsSchema = z.object({
  agentId: z.string(), name: z.string(),
  /** Tickets solved (status solved or closed). */
  solved: z.number().int(),
  /** Median minutes (wall clock) from creation to the first response; null without any. */
  medianFirstResponseMinutes: z.number().nullable(),
  /** Average survey score (1–5) of the agent's tickets; null without answers. */
  satisfactionAverage: z.number().nullable(),
  satisfactionCount: z.number().int(),
});
export type AgentStats = z.infer<typeof agentStatsSchema>;
export const agentStatsList = z.object({ data: z.array(agentStatsSchema) });

/** POST /tickets/{id}/merge: the ticket whose conversation receives this one's (400 naming `into` when it is this ticket or closed). */
export const ticketMergeInput = z.strictObject({ into: z.string().min(1).max(100) });
/** POST /tickets/{id}/split: the message from which on (inclusive) the conversation moves to a new ticket (400 naming `messageId`). */
export const ticketSplitInput = z.strictObject({ messageId: z.string().min(1).max(100) });
/** POST /tickets/{id}/follow-up (a closed ticket only): the new ticket's subject (default: the closed one's) and description. */
export const ticketFollowUpInput = z.strictObject({
  subject: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(20_000).optional(),
});
/** What merge, split and follow-up answer: the ticket that holds the conversation now (merge: the target; split/follow-up: the new one). */
export const ticketLinkAnswer = z.object({ id: z.string(), number: z.string(), movedMessages: z.number().int() });
export type TicketLinkAnswer = z.infer<typeof ticketLinkAnswer>;
