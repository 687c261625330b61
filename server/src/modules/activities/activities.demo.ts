/**
 * `kith demo`: a plausible history for every demo contact — notes, calls, meetings, logged emails and tasks spread
 * over the last six months, written by the contact's owner and one or two colleagues, in the contact's language.
 * Only contacts of the demo (addresses at example.com, a domain real data never uses) that have no activity yet
 * get one, so a second run adds nothing and real contacts are never touched. Rows go in with one multi-row insert
 * per chunk, in one transaction, without a per-activity audit entry or event (demo data, like an import's notes).
 */
import type { AppContext } from '../../platform/context.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { newId, nowIso } from '../../platform/ids.js';
import { sanitizeBody } from './activities.logic.js';
import type { ActivitiesTable } from './activities.tables.js';

type Lang = 'en' | 'vi';
type Row = Omit<ActivitiesTable, 'version' | 'mentions'> & { version: number; mentions: string };
interface Author { id: string; team_id: string | null; email: string }

/** What a demo activity says, by type and language; `{name}` is the contact's name. */
const TEXT: Record<'note' | 'call' | 'meeting' | 'email' | 'task', Record<Lang, { subject: string; body: string }[]>> = {
  note: {
    en: [
      { subject: 'Budget', body: 'Budget for next quarter is approved; {name} wants a proposal before the board meeting.' },
      { subject: 'Preferences', body: 'Prefers calls in the morning. Decision together with the finance team.' },
      { subject: 'Competitor', body: '{name} is also talking to another vendor; price matters more than features.' },
    ],
    vi: [
      { subject: 'Ngân sách', body: 'Ngân sách quý tới đã được duyệt; {name} muốn nhận báo giá trước cuộc họp hội đồng quản trị.' },
      { subject: 'Thói quen', body: 'Thích được gọi vào buổi sáng. Quyết định cùng phòng tài chính.' },
      { subject: 'Đối thủ', body: '{name} cũng đang làm việc với một nhà cung cấp khác; giá quan trọng hơn tính năng.' },
    ],
  },
  call: {
    en: [
      { subject: 'Discovery call', body: 'Went through their current process and pain points.' },
      { subject: 'Follow-up on the quote', body: 'Asked for a 10% discount on a two-year contract.' },
      { subject: 'Check-in', body: 'All good after the roll-out; asked about training for new staff.' },
    ],
    vi: [
      { subject: 'Gọi tìm hiểu nhu cầu', body: 'Trao đổi về quy trình hiện tại và những khó khăn của khách.' },
      { subject: 'Gọi lại về báo giá', body: 'Khách đề nghị giảm 10% nếu ký hợp đồng hai năm.' },
      { subject: 'Hỏi thăm', body: 'Mọi thứ ổn sau khi triển khai; khách hỏi về đào tạo cho nhân viên mới.' },
    ],
  },
  meeting: {
    en: [
      { subject: 'Product demo', body: 'Demo for {name} and two colleagues; they liked the reports.' },
      { subject: 'Contract review', body: 'Reviewed the terms line by line; legal will reply within a week.' },
    ],
    vi: [
      { subject: 'Trình diễn sản phẩm', body: 'Demo cho {name} và hai đồng nghiệp; khách thích phần báo cáo.' },
      { subject: 'Rà soát hợp đồng', body: 'Rà soát từng điều khoản; bộ phận pháp chế sẽ phản hồi trong tuần.' },
    ],
  },
  email: {
    en: [
      { subject: 'Proposal attached', body: 'Hi {name}, please find our proposal attached. Happy to walk you through it.' },
      { subject: 'Re: Pricing question', body: 'Thanks for the quick answer, we will discuss it internally.' },
    ],
    vi: [
      { subject: 'Gửi báo giá', body: 'Chào {name}, em gửi anh/chị báo giá đính kèm. Em sẵn sàng giải thích thêm.' },
      { subject: 'Re: Câu hỏi về giá', body: 'Cảm ơn đã phản hồi nhanh, bên mình sẽ trao đổi nội bộ.' },
    ],
  },
  task: {
    en: [{ subject: 'Send the revised quote', body: '' }, { subject: 'Call back about the contract', body: '' }],
    vi: [{ subject: 'Gửi báo giá đã chỉnh sửa', body: '' }, { subject: 'Gọi lại về hợp đồng', body: '' }],
  },
};

const DAY = 86_400_000;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deterministic pseudo-random numbers, so every demo database tells the same stories. */
function random(seed: number) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return { rnd, pick: <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]! };
}

/**
 * The history of one contact: 3–6 activities, newest within days and oldest up to six months back, by the owner
 * and at least one other author (when the workspace has two users).
 */
function demoHistory(
  contact: { id: string; name: string; email: string | null; ownerId: string | null; lang: Lang },
  authors: readonly Author[], now: number, r: ReturnType<typeof random>,
): Row[] {
  const owner = authors.find((a) => a.id === contact.ownerId) ?? r.pick(authors);
  const others = authors.filter((a) => a.id !== owner.id);
  const types = ['call', 'email', 'meeting', 'note', 'call', 'email'] as const;
  const count = 3 + Math.floor(r.rnd() * 4);
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    // The second activity is always a colleague's, so every contact has two authors.
    const author = i === 1 && others.length ? r.pick(others) : r.rnd() < 0.6 || !others.length ? owner : r.pick(others);
    const type = i === count - 1 && r.rnd() < 0.5 ? 'task' : types[(i + Math.floor(r.rnd() * 6)) % types.length]!;
    const t = r.pick(TEXT[type][contact.lang]);
    const at = new Date(now - Math.floor((i / count) * 180 * DAY + r.rnd() * 20 * DAY) - DAY).toISOString();
    const body = t.body ? sanitizeBody(`<p>${escapeHtml(t.body.replace('{name}', contact.name))}</p>`) : null;
    const openTask = type === 'task' && r.rnd() < 0.6;
    const inbound = r.rnd() < 0.4;
    rows.push({
      id: newId(), type, subject: t.subject, body, contact_id: contact.id, company_id: null, record_type: null, record_id: null,
      owner_id: author.id, team_id: author.team_id, occurred_at: at,
      duration_seconds: type === 'call' ? 120 + Math.floor(r.rnd() * 900) : type === 'meeting' ? 1800 + Math.floor(r.rnd() * 4) * 900 : null,
      direction: type === 'call' || type === 'email' ? (inbound ? 'inbound' : 'outbound') : null,
      outcome: type === 'call' ? r.pick(['answered', 'answered', 'no_answer', 'voicemail']) : null,
      due_at: type === 'task' ? new Date(openTask ? now + Math.floor(1 + r.rnd() * 14) * DAY : Date.parse(at)).toISOString() : null,
      remind_at: null, reminded_at: null, completed_at: type === 'task' && !openTask ? at : null,
      location: type === 'meeting' ? r.pick(contact.lang === 'vi' ? ['Văn phòng khách hàng', 'Google Meet', 'Quán cà phê Quận 1'] : ['Customer office', 'Zoom', 'Our office']) : null,
      email_from: type === 'email' ? (inbound ? contact.email : author.email) : null,
      email_to: type === 'email' ? JSON.stringify([inbound ? author.email : contact.email].filter(Boolean)) : null,
      mentions: '[]', version: 1, created_at: at, updated_at: at, created_by: author.id, updated_by: author.id, deleted_at: null,
    });
  }
  return rows;
}

/** Gives every demo contact without activities a history; returns what it did, for `kith demo` to print. */
export async function loadDemo(ctx: AppContext): Promise<string> {
  const { db } = ctx.database;
  const authors: Author[] = (await db.selectFrom('users').select(['id', 'team_id', 'email'])
    .where('active', '=', 1).orderBy('created_at').execute())
    .map((u) => ({ id: u.id, team_id: u.team_id, email: u.email }));
  if (!authors.length) return 'activities: none added, there is no active user to write them';
  const contacts = await db.selectFrom('contacts as c')
    .select(['c.id', 'c.display_name', 'c.primary_email', 'c.owner_id', 'c.addresses'])
    .where('c.deleted_at', 'is', null)
    .where('c.primary_email', 'like', '%@example.com')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('activities as a').select('a.id').whereRef('a.contact_id', '=', 'c.id'))))
    .orderBy('c.created_at').orderBy('c.id').execute();
  if (!contacts.length) return 'activities: none added, no demo contact is without a history';
  const r = random(7);
  const now = Date.parse(nowIso());
  // A customer in Vietnam is written to (and about) in Vietnamese, others in English.
  const lang = (addresses: string): Lang => (/"country":"VN"/.test(addresses) ? 'vi' : 'en');
  const rows = contacts.flatMap((c) => demoHistory({ id: c.id, name: c.display_name, email: c.primary_email, ownerId: c.owner_id, lang: lang(c.addresses) }, authors, now, r));
  await db.transaction().execute((trx) => bulkInsert(ctx.database, trx, 'activities', rows));
  return `activities: ${rows.length} notes, calls, meetings, emails and tasks added to ${contacts.length} demo contacts`;
}
