/**
 * `kith demo`: three quotes on the first demo deals — a draft, one sent (valid two more weeks) and one accepted by
 * the customer — with Vietnamese lines (VAT 8 % and 10 %), written through the engine and the lines service.
 */
import { sql } from 'kysely';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { nowIso } from '../../platform/ids.js';
import { pipeline } from '../../platform/records/index.js';
import { createFromDeal, visibleQuote, writeLines } from './quotes.service.js';

const LINES = [
  { productId: null, description: 'Máy lọc nước RO Kangaroo KG100HQ', unit: 'cái', quantity: 2, unitPrice: 7_490_000, discountPercent: 5, discountAmount: null, taxRate: 10 },
  { productId: null, description: 'Lắp đặt và hướng dẫn sử dụng', unit: 'lần', quantity: 1, unitPrice: 500_000, discountPercent: null, discountAmount: null, taxRate: 8 },
  { productId: null, description: 'Bộ lõi lọc thay thế 12 tháng', unit: 'bộ', quantity: 2, unitPrice: 1_250_000, discountPercent: null, discountAmount: 100_000, taxRate: 10 },
];
const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export async function loadQuotesDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if (Number((await sql<{ n: number }>`select count(*) as n from quotes`.execute(db)).rows[0]?.n ?? 0) > 0) {
    return 'quotes: none added, the database already has quotes';
  }
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'quotes: none added, there is no active administrator';
  const deals = (await sql<{ id: string }>`select id from deals where deleted_at is null and status = 'open' order by created_at, id limit 3`.execute(db)).rows;
  if (deals.length < 3) return 'quotes: none added, the demo has fewer than three open deals';
  const states = ['draft', 'sent', 'accepted'] as const;
  await db.transaction().execute(async (trx) => {
    for (const [i, deal] of deals.entries()) {
      const { id } = await createFromDeal(trx, p, { dealId: deal.id, validUntil: dateIn(14), language: 'vi' });
      await writeLines(trx, p, await visibleQuote(trx, p, id, 'update'), id, LINES.slice(0, 3 - (i % 2)));
      const q = await visibleQuote(trx, p, id, 'update');
      const now = nowIso();
      if (states[i] === 'sent') await pipeline.update(trx, q.def, q.defs, p, id, { derived: { status: 'sent', sent_at: now, sent_to: 'khachhang@example.vn' } });
      if (states[i] === 'accepted') {
        await pipeline.update(trx, q.def, q.defs, p, id, { derived: { status: 'sent', sent_at: new Date(Date.now() - 3 * DAY).toISOString(), sent_to: 'khachhang@example.vn' } });
        await pipeline.update(trx, q.def, q.defs, p, id, { derived: { status: 'accepted', decided_at: now, decided_by_name: 'Nguyễn Thị Lan', decided_ip: '203.0.113.7' } });
      }
    }
  });
  return 'quotes: 3 quotes on demo deals (draft, sent, accepted)';
}
