/**
 * `kith demo`: sample scoring and assignment rules, ~30 leads from several sources with UTM data (web-form ones
 * through the public capture path, so they are scored and assigned like real ones), and a few converted into a
 * contact, a company and a deal. Leaves a database that already has leads as it is.
 */
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { convertService } from './leads.convert.js';
import { leadsService } from './leads.service.js';

const PEOPLE = [
  ['Nguyễn Văn Bình', 'Công ty TNHH Bình An', 'Hà Nội'], ['Trần Thị Hoa', 'Hoa Sen Group', 'TP. Hồ Chí Minh'], ['Lê Minh Tuấn', 'Tuấn Phát JSC', 'Hà Nội'],
  ['Phạm Thu Trang', 'Trang Media', 'Đà Nẵng'], ['Hoàng Đức Anh', 'Đức Anh Logistics', 'Hà Nội'], ['Vũ Thị Mai', 'Mai Linh Foods', 'TP. Hồ Chí Minh'],
  ['Đặng Quốc Việt', 'Việt Tiến Steel', 'Hải Phòng'], ['Bùi Thanh Hương', 'Hương Giang Travel', 'Huế'], ['Đỗ Hữu Nghĩa', 'Nghĩa Tín Bank', 'Hà Nội'],
  ['Ngô Thị Lan Anh', 'Lan Anh Fashion', 'TP. Hồ Chí Minh'], ['Dương Văn Khoa', 'Khoa Học Xanh', 'Cần Thơ'], ['Lý Thị Ngọc', 'Ngọc Trai Jewelry', 'TP. Hồ Chí Minh'],
  ['Michael Brown', 'Brown & Partners', 'Singapore'], ['Sarah Johnson', 'Johnson Retail', 'TP. Hồ Chí Minh'], ['David Lee', 'Lee Electronics', 'Hà Nội'],
  ['Phan Văn Long', 'Long Hải Seafood', 'Vũng Tàu'], ['Trịnh Thị Thảo', 'Thảo Nguyên Dairy', 'Hà Nội'], ['Hồ Quang Hiếu', 'Hiếu Minh Tech', 'TP. Hồ Chí Minh'],
  ['Mai Thị Phương', 'Phương Đông Pharma', 'Hà Nội'], ['Cao Văn Thắng', 'Thắng Lợi Construction', 'Đà Nẵng'], ['Tạ Thị Yến', 'Yến Sào Khánh Hòa', 'Nha Trang'],
  ['Emma Wilson', 'Wilson Consulting', 'Hà Nội'], ['Lâm Gia Huy', 'Gia Huy Furniture', 'Bình Dương'], ['Kiều Thị Diễm', 'Diễm Spa', 'TP. Hồ Chí Minh'],
  ['Quách Văn Sơn', 'Sơn Hà Paint', 'Hà Nội'], ['Lưu Thị Kim', 'Kim Cương Realty', 'TP. Hồ Chí Minh'], ['Tôn Thất Bảo', 'Bảo Tín Insurance', 'Huế'],
  ['Chu Văn Đạt', 'Đạt Thành Auto', 'Hà Nội'], ['Oliver Smith', 'Smith Imports', 'Đà Nẵng'], ['La Thị Hồng', 'Hồng Hà Stationery', 'Hà Nội'],
] as const;
const SOURCES = ['web_form', 'web_form', 'referral', 'event', 'advertising', 'web_form', 'cold_call', 'api'];
const PRODUCTS = ['CRM Starter', 'CRM Enterprise', 'Call center add-on', 'Email marketing'];
const CAMPAIGNS = [['google', 'cpc', 'tet-2027'], ['facebook', 'social', 'black-friday'], ['newsletter', 'email', 'december-webinar'], ['zalo', 'social', 'sme-offer']];
const TITLES = ['Giám đốc', 'Trưởng phòng kinh doanh', 'Owner', 'Marketing manager', 'Kế toán trưởng', 'CEO'];

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const slug = (s: string) => ascii(s).toLowerCase().replace(/[^a-z0-9]+/g, '');

export async function loadLeadsDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const existing = await (db as any).selectFrom('leads').select('id').limit(1).executeTakeFirst();
  if (existing) return 'leads: the database already has leads, left as they are';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'leads: none added, there is no active administrator';
  const team = (name: string) => db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst();
  const user = (email: string) => db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  const [north, south, lan] = [await team('Sales North'), await team('Sales South'), await user('lan.nguyen@example.com')];

  for (const r of [
    { field: 'source', operator: 'eq' as const, value: 'referral', points: 30 }, { field: 'email', operator: 'is_set' as const, points: 10 },
    { field: 'phone', operator: 'is_set' as const, points: 10 }, { field: 'job_title', operator: 'contains' as const, value: 'giám đốc', points: 20 },
    { field: 'product_interest', operator: 'eq' as const, value: 'CRM Enterprise', points: 25 }, { field: 'source', operator: 'eq' as const, value: 'cold_call', points: -10 },
  ]) await leadsService.createScoringRule(ctx.database, r);
  if (lan) await leadsService.createAssignmentRule(ctx.database, { name: 'Events to Lan', conditions: { source: ['event'] }, userId: lan.id });
  if (north) await leadsService.createAssignmentRule(ctx.database, { name: 'Hanoi web leads', conditions: { region: ['Hà Nội', 'Hải Phòng'] }, teamId: north.id });
  if (south) await leadsService.createAssignmentRule(ctx.database, { name: 'South leads', conditions: { region: ['TP. Hồ Chí Minh', 'Bình Dương', 'Cần Thơ', 'Vũng Tàu'] }, teamId: south.id });

  const { def, defs } = await definitionOf(db, 'leads');
  const ids: string[] = [];
  for (const [i, [name, company, region]] of PEOPLE.entries()) {
    const source = SOURCES[i % SOURCES.length]!;
    const [utmSource, utmMedium, utmCampaign] = CAMPAIGNS[i % CAMPAIGNS.length]!;
    const email = `${slug(name)}@${slug(company).slice(0, 14)}.vn`;
    const phone = i % 3 === 0 ? null : `09${String(10_000_000 + i * 7_919_113).slice(0, 8)}`;
    const product = PRODUCTS[i % PRODUCTS.length]!;
    if (source === 'web_form') {
      await leadsService.capture(ctx.database, {
        name, email, phone: phone ?? undefined, company, jobTitle: TITLES[i % TITLES.length], region, productInterest: product,
        message: i % 2 ? 'Xin gửi báo giá và lịch demo.' : 'Please send a quote and a demo slot.',
        utm_source: utmSource, utm_medium: utmMedium, utm_campaign: utmCampaign, referrer: `https://kith.example/${i % 2 ? 'pricing' : 'features'}`,
      }, undefined);
    } else {
      await db.transaction().execute((trx) => pipeline.create(trx, def, defs, p, {
        values: {
          name, email, phone, company_name: company, job_title: TITLES[i % TITLES.length], region, product_interest: product, source,
          status: ['new', 'contacted', 'qualified', 'unqualified'][i % 4], ...(source === 'advertising' ? { utm_source: utmSource, utm_medium: utmMedium, utm_campaign: utmCampaign } : {}),
        },
      }));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row = await (db as any).selectFrom('leads').select('id').where('email', '=', email).executeTakeFirst();
    if (row) ids.push(row.id as string);
  }
  let converted = 0;
  for (const [k, id] of [ids[2], ids[9], ids[17], ids[24]].entries()) {
    if (!id) continue;
    await convertService.convert(ctx.database, p, id, { contact: 'new', company: 'new', deal: { name: `${PEOPLE[[2, 9, 17, 24][k]!]![1]} — CRM`, amount: 45_000_000 * (k + 1) } });
    converted++;
  }
  return `leads: ${ids.length} leads (web forms with UTM data, referrals, events, ads), ${converted} converted; 6 scoring and 3 assignment rules (Settings › Lead scoring / Lead assignment)`;
}
