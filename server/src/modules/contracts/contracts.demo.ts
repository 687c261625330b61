/**
 * `kith demo`: two contracts — one from the demo's accepted quote (a year from today, renewed by hand) and a
 * yearly maintenance contract ending in three weeks (automatic renewal), which the daily job reminds its owner of.
 */
import { sql } from 'kysely';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { contractFromQuote } from './contracts.service.js';

const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export async function loadContractsDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if (Number((await sql<{ n: number }>`select count(*) as n from contracts`.execute(db)).rows[0]?.n ?? 0) > 0) return 'contracts: none added, the database already has contracts';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'contracts: none added, there is no active administrator';
  const accepted = (await sql<{ id: string; company: string | null; contact: string | null }>`select id, company, contact from quotes where status = 'accepted' and deleted_at is null order by created_at limit 1`.execute(db)).rows[0];
  let n = 0;
  await db.transaction().execute(async (trx) => {
    if (accepted) { await contractFromQuote(trx, p, accepted.id, { startDate: dateIn(0) }); n++; }
    const { def, defs } = await definitionOf(trx, 'contracts');
    await pipeline.create(trx, def, defs, p, {
      values: {
        title: 'Hợp đồng bảo trì hệ thống lọc nước 2026', status: 'active', company: accepted?.company ?? null, contact: accepted?.contact ?? null,
        start_date: dateIn(-344), end_date: dateIn(21), value: { amount: 12_000_000, currency: 'VND' }, renewal: 'automatic', reminder_days: 30,
        terms: 'Bảo trì định kỳ 3 tháng/lần, thay lõi lọc theo lịch, hỗ trợ kỹ thuật trong 24 giờ.',
      },
    });
    n++;
  });
  return `contracts: ${n} contracts (one from the accepted quote, one ending in three weeks)`;
}
