/**
 * Deal rules, run by the records engine's write pipeline inside every deal write (API, bulk, import):
 * default pipeline and first stage on create, a stage must belong to the deal's pipeline, fields required to enter
 * a stage, no negative amount; derived status, probability, stage_entered_at and closed_at. After a stage change:
 * a stage history row (time in the previous stage) and the new stage's tasks, in the same transaction.
 */
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { ObjectHooks, WriteContext } from '../../platform/records/index.js';
import { dealsRepository as repo } from './deals.repository.js';
import { createStageTasks } from './deals.stage-tasks.js';

const fail = (errors: FieldError[]) => new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

async function beforeWrite(ctx: WriteContext): Promise<void> {
  if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
  const { trx, values: v } = ctx;
  const before = ctx.before ?? {};
  const amount = v.amount as { amount: number } | null | undefined;
  if (amount && amount.amount < 0) throw fail([{ path: 'values.amount', message: 'must not be negative' }]);

  if ('pipeline' in v && v.pipeline === null) throw fail([{ path: 'values.pipeline', message: 'required' }]);
  if ('stage' in v && v.stage === null) throw fail([{ path: 'values.stage', message: 'required' }]);
  let pipelineId = (v.pipeline ?? before.pipeline) as string | undefined;
  if (!pipelineId) {
    const p = await repo.defaultPipeline(trx);
    if (!p) throw fail([{ path: 'values.pipeline', message: 'no pipeline exists; create one first' }]);
    pipelineId = p.id;
  }
  const pipelineChanged = ctx.kind === 'created' || pipelineId !== before.pipeline;
  let stageId = (v.stage ?? (pipelineChanged ? undefined : before.stage)) as string | undefined;
  if (!stageId) {
    const first = (await repo.stages(trx, [pipelineId]))[0];
    if (!first) throw fail([{ path: 'values.pipeline', message: 'the pipeline has no stages' }]);
    stageId = first.id;
  }
  const stage = await repo.stage(trx, stageId);
  if (!stage) throw fail([{ path: 'values.stage', message: 'no such stage' }]);
  if (stage.pipeline_id !== pipelineId) throw fail([{ path: 'values.stage', message: 'this stage belongs to another pipeline' }]);
  if (ctx.kind === 'updated' && stageId === before.stage) return;

  const merged = { ...before, ...v };
  const required = JSON.parse(stage.required_fields) as string[];
  const missing = required.filter((k) => empty(merged[k]));
  if (missing.length) {
    throw fail(missing.map((k) => ({ path: `values.${k}`, message: `required to enter the stage ${stage.name}` })));
  }
  const now = nowIso();
  v.pipeline = pipelineId;
  v.stage = stageId;
  v.status = stage.outcome;
  v.probability = stage.probability;
  v.stage_entered_at = now;
  // Won → Shipping → Warranty keep the day the deal was won; leaving won/lost for an open stage reopens it.
  v.closed_at = stage.outcome === 'open' ? null : before.status === stage.outcome && before.closed_at ? before.closed_at : now;
  // A deal closed without an expected close date takes its closing day, so the forecast counts it in that period.
  if (stage.outcome !== 'open' && empty(merged.close_date)) v.close_date = String(v.closed_at).slice(0, 10);
}

async function afterWrite(ctx: WriteContext & { after: Record<string, unknown>; changes: Record<string, { old: unknown; new: unknown }> }): Promise<void> {
  if (ctx.kind !== 'created' && !(ctx.kind === 'updated' && 'stage' in ctx.changes)) return;
  const { trx, after } = ctx;
  const at = String(after.stage_entered_at);
  const previousAt = ctx.before?.stage_entered_at;
  const historyId = newId();
  await repo.addHistory(trx, {
    id: historyId, deal_id: ctx.id, pipeline_id: String(after.pipeline), from_stage: ctx.kind === 'created' ? null : (ctx.changes.stage!.old as string | null),
    to_stage: String(after.stage), at, actor_id: ctx.principal.userId,
    seconds_in_previous: typeof previousAt === 'string' ? Math.max(0, Math.round((Date.parse(at) - Date.parse(previousAt)) / 1000)) : null,
  });
  await createStageTasks(trx, ctx.defs, ctx.principal, { id: ctx.id, values: after, ownerId: ctx.ownerId }, String(after.stage), historyId, at);
}

export const dealHooks: ObjectHooks = { beforeWrite, afterWrite };
