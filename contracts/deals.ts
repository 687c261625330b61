/**
 * Deals module wire shapes: pipelines with ordered stages, the board, line items, deal contacts with roles and
 * stage history. Deals themselves travel as engine records (contracts/records.ts). Imports only zod.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';
import { optionColors } from './records.js';

/** Task types a stage template may create (the tasks object's `type` options). */
export const stageTaskTypes = ['todo', 'call', 'meeting', 'email'] as const;

/** A task created when a deal enters the stage. */
export const stageTaskTemplate = z.strictObject({
  /** Title in both languages; the task takes the deal owner's language. */
  title: z.strictObject({ en: z.string().trim().min(1).max(200), vi: z.string().trim().min(1).max(200) }),
  type: z.enum(stageTaskTypes).default('todo'),
  /** Days after `from` the task is due (negative: before, e.g. -30 before the warranty ends). */
  dueInDays: z.number().int().min(-3650).max(3650),
  /** `entered`: the time the deal entered the stage; `warranty_end`: the deal's warranty end date. */
  from: z.enum(['entered', 'warranty_end']).default('entered'),
  /** Who gets the task: the deal's owner. */
  assignee: z.literal('owner').default('owner'),
});
export type StageTaskTemplate = z.infer<typeof stageTaskTemplate>;

export const stageOutcomes = ['open', 'won', 'lost'] as const;

/** One stage in a pipeline create/update (order of the array = order on the board). */
export const stageInput = z.strictObject({
  /** Keep an existing stage (its deals stay in it); omit for a new stage. */
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(100),
  nameVi: z.string().trim().max(100).nullable().optional(),
  /** Win probability in percent (weighted sums use it). */
  probability: z.number().int().min(0).max(100),
  /** Days in the stage after which a deal "rots" (highlighted); null: never. */
  rotDays: z.number().int().min(1).max(3650).nullable().optional(),
  outcome: z.enum(stageOutcomes).default('open'),
  color: z.enum(optionColors).default('gray'),
  /** Deal field keys that must be set to enter the stage. */
  requiredFields: z.array(z.string().min(1).max(60)).max(30).default([]),
  tasks: z.array(stageTaskTemplate).max(10).default([]),
});
export type StageInput = z.input<typeof stageInput>;

/** POST /pipelines */
export const pipelineInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  nameVi: z.string().trim().max(100).nullable().optional(),
  /** ISO 4217 code of the pipeline's amounts (VND by default). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as VND').default('VND'),
  /** The pipeline new deals go into when none is given (only one is). */
  isDefault: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).optional(),
  stages: z.array(stageInput).min(1).max(30),
});
export type PipelineInput = z.input<typeof pipelineInput>;
/** PATCH /pipelines/{id}: any subset; `stages` replaces the ordered list (stages left out are removed when empty). */
export const pipelinePatch = z.strictObject({
  name: pipelineInput.shape.name.optional(),
  nameVi: pipelineInput.shape.nameVi,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as VND').optional(),
  isDefault: z.literal(true).optional().describe('Make this the default pipeline'),
  position: pipelineInput.shape.position,
  stages: pipelineInput.shape.stages.optional(),
});

export const stageSchema = z.object({
  id: idSchema,
  name: z.string(),
  nameVi: z.string().nullable(),
  position: z.number().int(),
  probability: z.number().int(),
  rotDays: z.number().int().nullable(),
  outcome: z.enum(stageOutcomes),
  color: z.string(),
  requiredFields: z.array(z.string()),
  tasks: z.array(stageTaskTemplate),
});
export type Stage = z.infer<typeof stageSchema>;

export const pipelineSchema = z.object({
  id: idSchema,
  name: z.string(),
  nameVi: z.string().nullable(),
  currency: z.string(),
  isDefault: z.boolean(),
  position: z.number().int(),
  archivedAt: isoDateTime.nullable(),
  stages: z.array(stageSchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Pipeline = z.infer<typeof pipelineSchema>;
export const pipelineList = z.object({ data: z.array(pipelineSchema) });
export const pipelineListQuery = z.object({ archived: z.enum(['true', 'false']).optional().describe('Include archived pipelines when "true"') });

/** GET /deals/board */
export const boardQuery = z.object({
  pipeline: idSchema.optional().describe('Pipeline id (default pipeline when omitted)'),
  /** Engine filter JSON, as the deals list takes it. */
  filter: z.string().max(20_000).optional(),
  q: z.string().max(200).optional(),
  /** More cards of one stage: with `cursor`, answers that stage only. */
  stage: idSchema.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const money = z.object({ amount: z.number().int(), currency: z.string() });
export const boardCard = z.object({
  id: idSchema,
  name: z.string(),
  version: z.number().int(),
  amount: money.nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  company: z.object({ id: idSchema, title: z.string() }).nullable(),
  closeDate: z.string().nullable(),
  stageEnteredAt: isoDateTime.nullable(),
  daysInStage: z.number().int().nullable(),
  /** Days in stage above the stage's rot days. */
  rotting: z.boolean(),
  /** Earliest due time of the deal's open tasks. */
  nextStepAt: isoDateTime.nullable(),
  /** No open task: the deal has no next step. */
  noNextStep: z.boolean(),
});
export type BoardCard = z.infer<typeof boardCard>;
/** Per currency: sum of amounts and weighted sum (amount × stage probability), integer minor units. */
export const boardTotal = z.object({ currency: z.string(), sum: z.number().int(), weighted: z.number().int() });
export const boardColumn = z.object({
  stage: stageSchema,
  count: z.number().int(),
  totals: z.array(boardTotal),
  cards: z.array(boardCard),
  nextCursor: z.string().nullable(),
});
export type BoardColumn = z.infer<typeof boardColumn>;
export const boardSchema = z.object({
  pipeline: pipelineSchema,
  columns: z.array(boardColumn),
  totals: z.array(boardTotal),
});
export type Board = z.infer<typeof boardSchema>;

/** PUT /deals/{id}/line-items */
export const lineItemInput = z.strictObject({
  productId: z.string().max(64).nullable().optional(),
  description: z.string().trim().min(1).max(500),
  quantity: z.number().positive().max(1_000_000_000),
  /** Integer minor units (VND has none). */
  unitPrice: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  discountPercent: z.number().min(0).max(100).default(0),
});
export const lineItemsBody = z.strictObject({
  items: z.array(lineItemInput).max(200),
  /** Also set the deal's amount to the total (in the deal's or pipeline's currency). */
  setAmount: z.boolean().default(false),
});
export const lineItemSchema = z.object({
  id: idSchema, position: z.number().int(), productId: z.string().nullable(), description: z.string(), quantity: z.number(),
  unitPrice: z.number().int(), discountPercent: z.number(), total: z.number().int(),
});
export const lineItemsResult = z.object({ items: z.array(lineItemSchema), total: z.number().int(), currency: z.string() });
export type LineItems = z.infer<typeof lineItemsResult>;

/** PUT /deals/{id}/contacts */
export const dealContactsBody = z.strictObject({
  contacts: z.array(z.strictObject({ contactId: idSchema, role: z.string().trim().max(100).nullable().optional() })).max(100),
});
export const dealContactsResult = z.object({
  data: z.array(z.object({ contactId: idSchema, name: z.string(), role: z.string().nullable() })),
});
export type DealContacts = z.infer<typeof dealContactsResult>;

/** GET /deals/{id}/stage-history: oldest first. */
export const stageHistoryResult = z.object({
  data: z.array(z.object({
    id: idSchema, fromStage: z.string().nullable(), toStage: z.string(), at: isoDateTime, actorId: z.string().nullable(),
    /** Seconds spent in `fromStage`. */
    secondsInPrevious: z.number().int().nullable(),
  })),
});
export type StageHistory = z.infer<typeof stageHistoryResult>;
