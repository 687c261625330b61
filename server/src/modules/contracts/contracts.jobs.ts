/**
 * The daily automatic renewal (job `contracts.renewals`): an active contract with renewal `automatic` whose end date
 * has come is extended by one term of the same length (new start = the day after the old end). Exactly once per end
 * date, whatever the retries or workers: each contract is renewed in its own transaction that first locks the row and
 * re-reads it, so a second runner finds the end already moved and does nothing. The change goes through the records
 * pipeline (record event + audit, as the system principal "Contract renewals"); the owner gets a notification.
 */
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { notify } from '../notifications/index.js';

export const CONTRACT_RENEWAL_JOB = 'contracts.renewals';

const DAY = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

const renewalPrincipal = (): Principal => ({
  kind: 'user', userId: 'system-contract-renewals', email: 'contract-renewals@system', name: 'Contract renewals', locale: 'en', roleId: 'system',
  isAdmin: true, teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
});

/**
 * The next term of a contract: the day after `end` for as many days as `start`..`end` (inclusive).
 * @example nextTerm('2026-01-01', '2026-12-31') → { start: '2027-01-01', end: '2027-12-31' }
 */
export function nextTerm(start: string, end: string): { start: string; end: string } {
  const days = Math.max(1, dayNumber(end) - dayNumber(start) + 1);
  return { start: dayOf(dayNumber(end) + 1), end: dayOf(dayNumber(end) + days) };
}

type Due = { id: string; title: string; start_date: string | null; end_date: string; owner_id: string | null };
const dueSql = (ex: Executor, on: string, id?: string) => sql<Due>`
  select id, title, start_date, end_date, owner_id from contracts
  where status = 'active' and renewal = 'automatic' and deleted_at is null and end_date is not null and end_date <= ${on}
  ${id ? sql`and id = ${id}` : sql``}`.execute(ex);

/** Extends every automatic contract whose end date is on or before `on`; returns how many it extended. */
export async function renewAutomaticContracts(db: Executor, on = today()): Promise<number> {
  let renewed = 0;
  for (const candidate of (await dueSql(db, on)).rows) {
    renewed += await db.transaction().execute(async (trx) => {
      // Lock, then re-read: a runner that waited here sees the end already moved and leaves it.
      await loose(trx).updateTable('contracts').set({ version: sql`version` }).where('id', '=', candidate.id).execute();
      const c = (await dueSql(trx, on, candidate.id)).rows[0];
      if (!c) return 0;
      const term = nextTerm(c.start_date ?? c.end_date, c.end_date);
      const { def, defs } = await definitionOf(trx, 'contracts');
      await pipeline.update(trx, def, defs, renewalPrincipal(), c.id, { values: { start_date: term.start, end_date: term.end } });
      if (c.owner_id) {
        const locale = (await trx.selectFrom('users').select('locale').where('id', '=', c.owner_id).executeTakeFirst())?.locale;
        const title = locale === 'vi' ? `Hợp đồng đã tự động gia hạn đến ${term.end}: ${c.title}` : `Contract renewed automatically until ${term.end}: ${c.title}`;
        await notify(trx, c.owner_id, { type: 'contract.renewed', title, link: `/${def.apiPath ?? 'contracts'}/${c.id}` });
      }
      return 1;
    });
  }
  return renewed;
}
