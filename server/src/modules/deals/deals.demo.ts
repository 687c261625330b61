/**
 * `kith demo`: a second pipeline (Projects / Dự án) and about forty deals in VND across every stage of the default
 * pipeline, on the demo companies and their contacts, owned in turn by the active users; a few have sat in their
 * stage past its rot days. Written through the engine's pipeline, so stage history and stage tasks come with them.
 */
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { dealsRepository as repo } from './deals.repository.js';
import { createPipeline, listPipelines } from './pipelines.service.js';

const topics = ['Office fit-out', 'Air conditioners', 'Server room upgrade', 'Staff laptops', 'Security cameras', 'Solar panels', 'Meeting room screens', 'Warehouse shelving'];
const topicsVi = ['Nội thất văn phòng', 'Máy lạnh', 'Nâng cấp phòng máy chủ', 'Máy tính xách tay', 'Camera an ninh', 'Pin mặt trời', 'Màn hình phòng họp', 'Kệ kho hàng'];
const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export async function loadDealsDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if ((await repo.dealCount(db)) > 0) return 'deals: none added, the database already has deals';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'deals: none added, there is no active administrator';
  const users = await db.selectFrom('users').select('id').where('active', '=', 1).orderBy('created_at').execute();
  const { companies, contacts } = await repo.demoParties(db, 40);
  const sales = (await listPipelines(db, false)).find((x) => x.isDefault);
  if (!sales) return 'deals: none added, there is no default pipeline';
  let n = 0;
  await db.transaction().execute(async (trx) => {
    await createPipeline(trx, p, {
      name: 'Projects', nameVi: 'Dự án', currency: 'VND', isDefault: false,
      stages: [
        { name: 'Brief', nameVi: 'Tiếp nhận yêu cầu', probability: 20, rotDays: 10, outcome: 'open', color: 'blue', requiredFields: [], tasks: [] },
        { name: 'Design', nameVi: 'Thiết kế', probability: 40, rotDays: 14, outcome: 'open', color: 'cyan', requiredFields: ['amount'], tasks: [] },
        { name: 'Build', nameVi: 'Thi công', probability: 70, rotDays: 30, outcome: 'open', color: 'violet', requiredFields: ['amount', 'close_date'], tasks: [] },
        { name: 'Handed over', nameVi: 'Bàn giao', probability: 100, rotDays: null, outcome: 'won', color: 'green', requiredFields: [], tasks: [{ title: { en: 'Collect the handover sign-off', vi: 'Lấy biên bản bàn giao' }, type: 'todo', dueInDays: 3, from: 'entered', assignee: 'owner' }] },
        { name: 'Cancelled', nameVi: 'Huỷ', probability: 0, rotDays: null, outcome: 'lost', color: 'red', requiredFields: ['lost_reason'], tasks: [] },
      ],
    });
    const { def, defs } = await definitionOf(trx, 'deals');
    const system = { ...p, isAdmin: true };
    for (let i = 0; i < 40; i++) {
      const stage = sales.stages[i % sales.stages.length]!;
      const company = companies.length ? companies[i % companies.length]! : null;
      const contact = company ? contacts.find((c) => c.company_id === company.id) ?? null : null;
      const topic = i % topics.length;
      const vi = i % 2 === 0;
      const values: Record<string, unknown> = {
        name: `${vi ? topicsVi[topic] : topics[topic]}${company ? ` – ${company.name}` : ''}`,
        amount: { amount: (15 + ((i * 37) % 85)) * 10_000_000, currency: 'VND' },
        close_date: dateIn(stage.outcome === 'open' ? 10 + (i % 60) : -(i % 40)),
        company: company?.id ?? null, contact: contact?.id ?? null, stage: stage.id,
        forecast_category: stage.probability >= 75 ? 'commit' : stage.probability >= 50 ? 'best_case' : 'pipeline',
      };
      if (stage.outcome === 'lost') values.lost_reason = vi ? 'Khách chọn nhà cung cấp khác' : 'Chose another supplier';
      if (stage.requiredFields.includes('warranty_ends') || stage.name === 'Warranty') values.warranty_ends = dateIn(200 + i);
      const id = await pipeline.create(trx, def, defs, system, { values, ownerId: users[i % users.length]?.id ?? p.userId });
      // A few open deals have sat in their stage past its rot days.
      if (stage.outcome === 'open' && stage.rotDays !== null && i % 3 === 0) await repo.backdateStageEntry(trx, id, new Date(Date.now() - (stage.rotDays + 5) * DAY).toISOString());
      n++;
    }
  });
  return `deals: pipeline Projects / Dự án and ${n} deals across every stage of ${sales.name}`;
}
