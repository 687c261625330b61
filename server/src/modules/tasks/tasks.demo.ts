/**
 * `kith demo`: tasks for the active users over the past and the coming two weeks — some overdue, some done with an
 * outcome (a done call or meeting logs its activity on the contact's timeline, through the task rules), most linked
 * to demo contacts (addresses at example.com) and their companies, written in the contact's language. Created
 * through the engine's write pipeline; marked `source_key = demo:<n>` so a second run adds nothing. Past reminders
 * and due times count as already notified (no burst of notifications).
 */
import type { AppContext } from '../../platform/context.js';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import { nowIso } from '../../platform/ids.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { untyped } from './tasks.hooks.js';

const DAY = 86_400_000;
type Lang = 'en' | 'vi';
const TASKS: { type: string; en: string; vi: string; outcome: Record<Lang, string> | null }[] = [
  { type: 'call', en: 'Call {name} about the quote', vi: 'Gọi {name} về báo giá', outcome: { en: 'Wants a 5% discount', vi: 'Muốn giảm 5%' } },
  { type: 'meeting', en: 'Product demo with {name}', vi: 'Trình diễn sản phẩm cho {name}', outcome: { en: 'Interested, sending a proposal', vi: 'Quan tâm, sẽ gửi đề xuất' } },
  { type: 'email', en: 'Send the contract to {name}', vi: 'Gửi hợp đồng cho {name}', outcome: null },
  { type: 'todo', en: 'Prepare the proposal for {name}', vi: 'Chuẩn bị đề xuất cho {name}', outcome: null },
  { type: 'call', en: 'Check in with {name} after delivery', vi: 'Hỏi thăm {name} sau khi giao hàng', outcome: { en: 'Happy with the installation', vi: 'Hài lòng với việc lắp đặt' } },
];

export async function loadTasksDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if (await untyped(db).selectFrom('tasks').select('id').where('source_key', 'like', 'demo:%').limit(1).executeTakeFirst()) return 'tasks: none added, the demo tasks are there already';
  const users = await db.selectFrom('users').select('id').where('active', '=', 1).orderBy('created_at').execute();
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p || !users.length) return 'tasks: none added, there is no active administrator';
  const contacts = await db.selectFrom('contacts').select(['id', 'display_name', 'company_id', 'addresses'])
    .where('deleted_at', 'is', null).where('primary_email', 'like', '%@example.com').orderBy('created_at').orderBy('id').limit(60).execute();
  const system = { ...p, isAdmin: true, maxClassification: 'restricted' as const };
  const now = Date.now();
  let n = 0;
  await db.transaction().execute(async (trx) => {
    const { def, defs } = await definitionOf(trx, 'tasks');
    for (const [u, user] of users.entries()) {
      for (let i = 0; i < 12; i++) {
        const k = u * 12 + i;
        const c = contacts.length ? contacts[k % contacts.length]! : null;
        const lang: Lang = c && !/"country":"VN"/.test(c.addresses ?? '') ? 'en' : 'vi';
        const tpl = TASKS[k % TASKS.length]!;
        // From two weeks ago to two weeks ahead, at office hours (09:00–16:00 in Vietnam = 02:00–09:00 UTC).
        const day = Math.floor(now / DAY) + (i - 6) * 2 + (k % 2);
        const due = new Date(day * DAY + (2 + (k % 8)) * 3_600_000).toISOString();
        const past = Date.parse(due) < now;
        const done = past && i % 3 !== 0; // every third past task stays open: overdue
        const values: Record<string, unknown> = {
          title: tpl[lang].replace('{name}', c?.display_name ?? (lang === 'vi' ? 'khách hàng' : 'the customer')),
          type: tpl.type, due_at: due, remind_at: new Date(Date.parse(due) - 30 * 60_000).toISOString(), assignee: user.id,
          priority: ['normal', 'high', 'low', 'urgent'][k % 4], contact: c?.id ?? null, company: c?.company_id ?? null,
        };
        const id = await pipeline.create(trx, def, defs, system, { values, ownerId: user.id });
        if (done) await pipeline.update(trx, def, defs, system, id, { values: { status: 'done', ...(tpl.outcome ? { outcome: tpl.outcome[lang] } : {}) } });
        await untyped(trx).updateTable('tasks').set({ source_key: `demo:${k}`, ...(past ? { reminded_at: nowIso(), due_notified_at: nowIso() } : {}) }).where('id', '=', id).execute();
        n++;
      }
    }
  });
  return `tasks: ${n} tasks added for ${users.length} users over the past and coming two weeks`;
}
