/**
 * Stage tasks, exactly once. Entering a stage creates its templates' tasks inside the stage change's own
 * transaction (deals.hooks.ts), each with `source_key = stage:<dealId>:<stageId>:<n>:<historyId>` — unique over
 * live tasks. Why in the transaction rather than a job on the outbox event: the stage change and its tasks commit
 * or roll back together; two concurrent moves of one deal cannot both commit (the engine's version check makes
 * the second a 412), and running this function again for the same history entry (a retry) creates nothing more.
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { notify } from '../notifications/index.js';
import { pipeline, type ObjectDefinition } from '../../platform/records/index.js';
import { dealsRepository as repo } from './deals.repository.js';
import { presentStage } from './pipelines.service.js';

const DAY = 86_400_000;

/** Due time of a template: entered + days, or the warranty end (09:00 UTC that day) + days. */
export function dueOf(from: 'entered' | 'warranty_end', dueInDays: number, enteredAt: string, warrantyEnds: unknown): string {
  const base = from === 'warranty_end' && typeof warrantyEnds === 'string' ? Date.parse(`${warrantyEnds}T09:00:00.000Z`) : Date.parse(enteredAt);
  return new Date(base + dueInDays * DAY).toISOString();
}

/**
 * Creates the tasks of `stageId`'s templates for a deal that entered it (history entry `historyId`); returns how
 * many it created. Tasks already made for that entry are skipped, so a second run is harmless.
 */
export async function createStageTasks(
  trx: Executor, defs: Map<string, ObjectDefinition>, p: Principal, deal: { id: string; values: Record<string, unknown>; ownerId: string | null },
  stageId: string, historyId: string, enteredAt: string,
): Promise<number> {
  const stageRow = await repo.stage(trx, stageId);
  const tasksDef = defs.get('tasks');
  if (!stageRow || !tasksDef) return 0;
  const stage = presentStage(stageRow);
  if (stage.tasks.length === 0) return 0;
  // The engine refuses `source_key` from clients (read-only); this module is the one writer allowed to set it.
  const def: ObjectDefinition = { ...tasksDef, fields: tasksDef.fields.map((f) => (f.key === 'source_key' ? { ...f, readOnly: false } : f)) };
  // The rule acts for the mover whatever their own task rights: the task belongs to the deal's owner.
  const system: Principal = { ...p, isAdmin: true, maxClassification: 'restricted' };
  const owner = deal.ownerId;
  const locale = owner ? await repo.userLocale(trx, owner) : p.locale;
  let created = 0;
  for (const [n, t] of stage.tasks.entries()) {
    const key = `stage:${deal.id}:${stageId}:${n}:${historyId}`;
    if (await repo.taskExists(trx, key)) continue;
    const title = locale === 'vi' ? t.title.vi : t.title.en;
    await pipeline.create(trx, def, defs, system, {
      ownerId: owner ?? p.userId,
      values: {
        title, type: t.type, status: 'open', due_at: dueOf(t.from, t.dueInDays, enteredAt, deal.values.warranty_ends),
        assignee: owner, deal: deal.id, contact: deal.values.contact ?? null, company: deal.values.company ?? null, source_key: key,
      },
    });
    created++;
    if (owner) {
      await notify(trx, owner, { type: 'task.created', title: locale === 'vi' ? `Công việc mới: ${title}` : `New task: ${title}`, link: `/deals/${deal.id}` });
    }
  }
  return created;
}
