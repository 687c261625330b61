/**
 * `kith demo`: the Support team's business-hours calendar (Hà Nội, Mon–Fri 8:00–12:00 and 13:00–17:30, Sat
 * morning, Vietnam's holidays 2026–2027 with Tết), two SLA policies, two assignment rules, and 20 tickets in every
 * status (some through the public form, so they are assigned like real ones). Leaves a database with tickets as it is.
 */
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { VIETNAM_HOLIDAYS_2026_2027 } from './tickets.holidays.js';
import { ticketsService } from './tickets.service.js';
import { ticketSettingsService as settings } from './tickets.settings.service.js';

const REQUESTS: [string, string, string, string, string][] = [
  // name, email, subject, category, priority
  ['Nguyễn Văn Bình', 'binh.nguyen@binhan.vn', 'Hoá đơn tháng 11 sai số tiền', 'billing', 'normal'],
  ['Trần Thị Hoa', 'hoa.tran@hoasen.vn', 'Không đăng nhập được vào tài khoản', 'account', 'high'],
  ['Michael Brown', 'michael@brownpartners.sg', 'Export to Excel fails with a timeout', 'incident', 'urgent'],
  ['Lê Minh Tuấn', 'tuan.le@tuanphat.vn', 'Cách thêm người dùng mới?', 'question', 'low'],
  ['Sarah Johnson', 'sarah@johnsonretail.com', 'Invoice copy for October', 'billing', 'normal'],
  ['Phạm Thu Trang', 'trang@trangmedia.vn', 'Đề xuất: lọc theo nhãn', 'feature_request', 'low'],
  ['Hoàng Đức Anh', 'anh.hoang@ducanh.vn', 'Báo cáo doanh thu hiển thị sai', 'incident', 'high'],
  ['Emma Wilson', 'emma@wilsonconsulting.com', 'How do I change my password?', 'account', 'normal'],
  ['Vũ Thị Mai', 'mai.vu@mailinh.vn', 'Thanh toán bị trừ tiền hai lần', 'billing', 'urgent'],
  ['David Lee', 'david@lee-electronics.vn', 'Mobile app crashes on start', 'incident', 'high'],
];
const STATUSES = ['new', 'open', 'waiting_on_customer', 'on_hold', 'solved', 'closed'];

export async function loadTicketsDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  if (await (db as any).selectFrom('tickets').select('id').limit(1).executeTakeFirst()) return 'tickets: the database already has tickets, left as they are';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'tickets: none added, there is no active administrator';
  const support = await db.selectFrom('teams').select('id').where('name', '=', 'Support').executeTakeFirst();

  const week = [1, 2, 3, 4, 5].flatMap((day) => [{ day, start: '08:00', end: '12:00' }, { day, start: '13:00', end: '17:30' }]);
  await settings.saveCalendar(ctx.database, null, {
    name: 'Hỗ trợ Hà Nội / Hanoi support hours', timeZone: 'Asia/Ho_Chi_Minh', hours: [...week, { day: 6, start: '08:00', end: '12:00' }],
    holidays: VIETNAM_HOLIDAYS_2026_2027, teamId: support?.id ?? null, isDefault: true,
  });
  await settings.saveSlaPolicy(ctx.database, null, { name: 'Urgent', priority: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 480 });
  await settings.saveSlaPolicy(ctx.database, null, { name: 'Standard', firstResponseMinutes: 480, resolutionMinutes: 2400 });
  if (support) {
    await settings.saveAssignmentRule(ctx.database, null, { name: 'Billing', teamId: support.id, method: 'fewest_open', conditions: { keywords: ['hoá đơn', 'thanh toán', 'invoice', 'payment'] } });
    await settings.saveAssignmentRule(ctx.database, null, { name: 'Web and email', teamId: support.id, method: 'round_robin', conditions: { channel: ['web_form', 'email'] } });
  }

  const { def, defs } = await definitionOf(db, 'tickets');
  let n = 0;
  for (const [round, channel] of (['web_form', 'phone'] as const).entries()) {
    for (const [i, [name, email, subject, category, priority]] of REQUESTS.entries()) {
      const status = STATUSES[(i + round * 3) % STATUSES.length]!;
      let id: string | undefined;
      if (channel === 'web_form') {
        const { number } = await ticketsService.submit(ctx.database, { name, email, subject, description: `${subject}.`, category, language: /@.*\.vn$/.test(email) ? 'vi' : 'en' });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        id = ((await (db as any).selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirst()) as { id: string } | undefined)?.id;
        if (id && priority !== 'normal') await db.transaction().execute((trx) => pipeline.update(trx, def, defs, p, id!, { values: { priority } }));
      } else {
        id = await db.transaction().execute((trx) => pipeline.create(trx, def, defs, p, { values: { subject: `${subject} (gọi điện / by phone)`, description: subject, channel, category, priority } }));
      }
      if (!id) continue;
      // Walk the status forward the way an agent would (a closed ticket is read-only, so it is the last step).
      const path = status === 'new' ? [] : status === 'closed' ? ['open', 'solved', 'closed'] : status === 'solved' ? ['open', 'solved'] : ['open', status].filter((s, k, a) => a.indexOf(s) === k);
      for (const s of path) await db.transaction().execute((trx) => pipeline.update(trx, def, defs, p, id!, { values: { status: s } }));
      n++;
    }
  }
  return `tickets: ${n} tickets in every status; a calendar with Vietnam's holidays 2026–2027, 2 SLA policies and 2 assignment rules (API: /ticket-calendars, /ticket-sla-policies, /ticket-assignment-rules)`;
}
