/** Contacts settings kept in the platform settings table: the lifecycle stages and the phone region. */
import { defaultLifecycleStages, type LifecycleStage } from '../../../../contracts/contacts.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { invalid } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';

export const STAGES_KEY = 'contacts.lifecycleStages';

const defaultLabels: Record<string, { en: string; vi: string }> = {
  subscriber: { en: 'Subscriber', vi: 'Người đăng ký' },
  lead: { en: 'Lead', vi: 'Khách hàng tiềm năng' },
  marketing_qualified: { en: 'Marketing qualified', vi: 'Đủ điều kiện marketing' },
  sales_qualified: { en: 'Sales qualified', vi: 'Đủ điều kiện bán hàng' },
  opportunity: { en: 'Opportunity', vi: 'Cơ hội' },
  customer: { en: 'Customer', vi: 'Khách hàng' },
  evangelist: { en: 'Evangelist', vi: 'Người ủng hộ' },
  other: { en: 'Other', vi: 'Khác' },
};
export const DEFAULT_STAGES: LifecycleStage[] = defaultLifecycleStages.map((value) => ({ value, label: defaultLabels[value]! }));

/** Process-wide settings from configuration, set by the module's start(). */
export const contactsConfig = { defaultRegion: 'VN' };

export async function getStages(db: Executor): Promise<LifecycleStage[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', STAGES_KEY).executeTakeFirst();
  if (!row) return DEFAULT_STAGES;
  try {
    return JSON.parse(row.value) as LifecycleStage[];
  } catch {
    return DEFAULT_STAGES;
  }
}

export async function assertStage(db: Executor, stage: string, path = 'lifecycleStage'): Promise<void> {
  const stages = await getStages(db);
  if (!stages.some((s) => s.value === stage)) throw invalid(path, `unknown lifecycle stage "${stage}" (configured: ${stages.map((s) => s.value).join(', ')})`);
}

export async function putStages(database: Database, p: Principal, stages: LifecycleStage[]): Promise<LifecycleStage[]> {
  const values = stages.map((s) => s.value);
  const dup = values.findIndex((v, i) => values.indexOf(v) !== i);
  if (dup >= 0) throw invalid(`stages.${dup}.value`, 'duplicate stage');
  await database.db.transaction().execute(async (trx) => {
    const before = await getStages(trx);
    const value = JSON.stringify(stages);
    const now = nowIso();
    const exists = await trx.selectFrom('settings').select('key').where('key', '=', STAGES_KEY).executeTakeFirst();
    if (exists) await trx.updateTable('settings').set({ value, updated_at: now }).where('key', '=', STAGES_KEY).execute();
    else await trx.insertInto('settings').values({ key: STAGES_KEY, value, updated_at: now }).execute();
    await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'update', entity: 'setting', entityId: STAGES_KEY, before, after: stages });
    await emitEvent(trx, { type: 'setting.updated', entity: 'setting', entityId: STAGES_KEY, actorId: p.userId, data: { key: STAGES_KEY } });
  });
  return stages;
}
