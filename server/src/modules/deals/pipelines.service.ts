/**
 * Pipelines and their ordered stages: list, get, create, update (the stage list is replaced in order; stages kept
 * by id keep their deals), archive. Every change bumps the records meta version in its transaction, so the deals
 * definition's pipeline and stage options reload on every node.
 */
import { z } from 'zod';
import type { Pipeline, Stage, pipelineInput, pipelinePatch, stageInput } from '../../../../contracts/deals.js';
import { stageTaskTemplate } from '../../../../contracts/deals.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, notFound, type FieldError } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { bumpMetaVersion, definitionOf } from '../../platform/records/index.js';
import { dealsRepository as repo, type PipelineRow, type StageRow } from './deals.repository.js';

type StageIn = z.output<typeof stageInput>;
type PipelineIn = z.output<typeof pipelineInput>;
type PipelinePatch = z.output<typeof pipelinePatch>;

/** Deal fields the module derives itself: never "required to enter a stage". */
const derived = new Set(['pipeline', 'stage', 'status', 'probability', 'stage_entered_at', 'closed_at', 'next_step_at', 'lead']);

const templates = z.array(stageTaskTemplate);

export function presentStage(s: StageRow): Stage {
  const parsed = templates.safeParse(JSON.parse(s.tasks));
  return {
    id: s.id, name: s.name, nameVi: s.name_vi, position: s.position, probability: s.probability, rotDays: s.rot_days,
    outcome: s.outcome as Stage['outcome'], color: s.color, requiredFields: JSON.parse(s.required_fields) as string[],
    tasks: parsed.success ? parsed.data : [],
  };
}

export function presentPipeline(p: PipelineRow, stages: StageRow[]): Pipeline {
  return {
    id: p.id, name: p.name, nameVi: p.name_vi, currency: p.currency, isDefault: p.is_default === 1, position: p.position,
    archivedAt: p.archived_at, stages: stages.filter((s) => s.pipeline_id === p.id).map(presentStage), createdAt: p.created_at, updatedAt: p.updated_at,
  };
}

export async function listPipelines(ex: Executor, includeArchived: boolean): Promise<Pipeline[]> {
  const rows = await repo.pipelines(ex, includeArchived);
  const stages = await repo.stages(ex, rows.map((r) => r.id));
  return rows.map((r) => presentPipeline(r, stages));
}

export async function getPipeline(ex: Executor, id: string): Promise<Pipeline> {
  const row = await repo.pipeline(ex, id);
  if (!row) throw notFound('pipeline');
  return presentPipeline(row, await repo.stages(ex, [id]));
}

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** 400 naming each bad path: unknown currency, required fields that are not deal fields, stage ids of another pipeline. */
async function checkInput(ex: Executor, input: { currency?: string | undefined; stages?: StageIn[] | undefined }, existing: StageRow[] | null): Promise<void> {
  const errors: FieldError[] = [];
  if (input.currency !== undefined && !currencies.has(input.currency)) errors.push({ path: 'currency', message: 'unknown currency' });
  if (input.stages) {
    const { def } = await definitionOf(ex, 'deals');
    const fields = new Set(def.fields.filter((f) => !f.archived && !derived.has(f.key)).map((f) => f.key));
    const own = new Set((existing ?? []).map((s) => s.id));
    const seen = new Set<string>();
    input.stages.forEach((s, i) => {
      s.requiredFields.forEach((k, j) => {
        if (!fields.has(k)) errors.push({ path: `stages.${i}.requiredFields.${j}`, message: `${k} is not a deal field that can be required` });
      });
      if (s.id !== undefined) {
        if (!own.has(s.id)) errors.push({ path: `stages.${i}.id`, message: 'no such stage in this pipeline' });
        else if (seen.has(s.id)) errors.push({ path: `stages.${i}.id`, message: 'stage listed twice' });
        seen.add(s.id);
      }
    });
  }
  if (errors.length) throw new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

const stageColumns = (s: StageIn, position: number): Omit<StageRow, 'id' | 'pipeline_id'> => ({
  name: s.name, name_vi: s.nameVi ?? null, position, probability: s.probability, rot_days: s.rotDays ?? null, outcome: s.outcome,
  required_fields: JSON.stringify(s.requiredFields), tasks: JSON.stringify(s.tasks), color: s.color,
});

/** Writes the ordered stage list of a pipeline; stages left out are removed, unless live deals sit in them (409). */
async function writeStages(trx: Executor, pipelineId: string, stages: StageIn[], existing: StageRow[]): Promise<void> {
  const kept = new Set(stages.map((s) => s.id).filter((id): id is string => !!id));
  const removed = existing.filter((s) => !kept.has(s.id));
  const busy = await repo.dealsInStages(trx, removed.map((s) => s.id));
  if (busy.length) {
    const names = busy.map((b) => `${existing.find((s) => s.id === b.stage)?.name ?? b.stage} (${b.n})`).join(', ');
    throw new AppError('conflict', `stages: move the deals out of ${names} before removing the stage`, [{ path: 'stages', message: `stages still holding deals: ${names}` }]);
  }
  await repo.deleteStages(trx, removed.map((s) => s.id));
  for (const [i, s] of stages.entries()) {
    if (s.id) await repo.updateStage(trx, s.id, stageColumns(s, i));
    else await repo.insertStage(trx, { id: newId(), pipeline_id: pipelineId, ...stageColumns(s, i) });
  }
}

const audit = (trx: Executor, p: Principal, action: string, id: string, before: unknown, after: unknown) =>
  appendAudit(trx, { actor: { id: p.userId, label: p.email }, action, entity: 'pipeline', entityId: id, before, after });

export async function createPipeline(trx: Executor, p: Principal, input: PipelineIn): Promise<Pipeline> {
  await checkInput(trx, input, null);
  const id = newId();
  const now = nowIso();
  const hasDefault = (await repo.defaultPipeline(trx))?.is_default === 1;
  const isDefault = input.isDefault || !hasDefault;
  await repo.insertPipeline(trx, {
    id, name: input.name, name_vi: input.nameVi ?? null, currency: input.currency, is_default: isDefault ? 1 : 0,
    position: input.position ?? (await repo.nextPosition(trx)), archived_at: null, created_at: now, updated_at: now,
  });
  if (isDefault) await repo.clearDefault(trx, id);
  await writeStages(trx, id, input.stages, []);
  await bumpMetaVersion(trx);
  const out = await getPipeline(trx, id);
  await audit(trx, p, 'create', id, null, out);
  return out;
}

export async function updatePipeline(trx: Executor, p: Principal, id: string, input: PipelinePatch): Promise<Pipeline> {
  const row = await repo.pipeline(trx, id);
  if (!row || row.archived_at) throw notFound('pipeline');
  const before = presentPipeline(row, await repo.stages(trx, [id]));
  const existing = await repo.stages(trx, [id]);
  await checkInput(trx, input, existing);
  const set: Partial<PipelineRow> = { updated_at: nowIso() };
  if (input.name !== undefined) set.name = input.name;
  if (input.nameVi !== undefined) set.name_vi = input.nameVi;
  if (input.currency !== undefined) set.currency = input.currency;
  if (input.position !== undefined) set.position = input.position;
  if (input.isDefault) { set.is_default = 1; await repo.clearDefault(trx, id); }
  await repo.updatePipeline(trx, id, set);
  if (input.stages) await writeStages(trx, id, input.stages, existing);
  await bumpMetaVersion(trx);
  const out = await getPipeline(trx, id);
  await audit(trx, p, 'update', id, before, out);
  return out;
}

/** Hides a pipeline from pickers and new deals; its deals and stages stay. The default pipeline cannot be archived. */
export async function archivePipeline(trx: Executor, p: Principal, id: string): Promise<void> {
  const row = await repo.pipeline(trx, id);
  if (!row || row.archived_at) throw notFound('pipeline');
  if (row.is_default === 1) throw new AppError('conflict', 'isDefault: make another pipeline the default before archiving this one', [{ path: 'isDefault', message: 'the default pipeline cannot be archived' }]);
  const now = nowIso();
  await repo.updatePipeline(trx, id, { archived_at: now, updated_at: now });
  await bumpMetaVersion(trx);
  await audit(trx, p, 'delete', id, { archivedAt: null }, { archivedAt: now });
}
