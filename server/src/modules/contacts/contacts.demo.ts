/** Demo data: ~60 companies and ~300 contacts with Vietnamese and English names, spread over the demo users. */
import type { AppContext } from '../../platform/context.js';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import { companiesService } from './companies.service.js';
import { contactsService } from './contacts.service.js';
import { defaultLifecycleStages } from '../../../../contracts/contacts.js';

const viFamily = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const viGiven = ['Văn An', 'Thị Hoa', 'Minh Tuấn', 'Thị Lan', 'Quốc Bảo', 'Thu Hà', 'Đức Anh', 'Ngọc Ánh', 'Hữu Phước', 'Thanh Hương', 'Minh', 'Gia Huy', 'Thảo Vy', 'Đình Khoa'];
const enGiven = ['Alice', 'Ben', 'Chloe', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Isla', 'Jack', 'Olivia', 'Liam'];
const enFamily = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Clark', 'Walker', 'Wright'];
const companyWords = ['Sài Gòn', 'Hà Nội', 'Mekong', 'Lotus', 'Bamboo', 'Phoenix', 'Sunrise', 'Đà Nẵng', 'Harbor', 'Golden', 'Blue River', 'Highland'];
const companyKinds = ['Trading', 'Logistics', 'Software', 'Foods', 'Textiles', 'Consulting', 'Pharma', 'Retail'];
const industries = ['Retail', 'Manufacturing', 'Software', 'Logistics', 'Healthcare', 'Food & Beverage', 'Finance'];
const tagPool = ['vip', 'newsletter', 'event-2026', 'partner', 'hanoi', 'hcmc', 'referral', 'trial'];
const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, '');

const COMPANIES = 60;
const CONTACTS = 300;

/** Adds demo companies and contacts to a database that has no contacts yet; returns what it did, for `kith demo` to print. */
export async function loadDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if (await db.selectFrom('contacts').select('id').limit(1).executeTakeFirst()) {
    return 'contacts and companies: none added, the database already has contacts';
  }
  const users = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', 'roles.is_admin']).where('users.active', '=', 1).orderBy('users.created_at').execute();
  const admin = users.find((u) => u.is_admin === 1) ?? users[0];
  const adminP = admin && await loadPrincipal(db, admin.id, { kind: 'user' });
  if (!adminP) return 'contacts and companies: none added, there is no active user to own them';
  // The admin creates everything and assigns owners, so each owner's team becomes the record's team.
  const principal = { ...adminP, isAdmin: true };
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  await db.transaction().execute(async (trx) => {
    const companyIds: string[] = [];
    for (let i = 0; i < COMPANIES; i++) {
      const name = `${pick(companyWords)} ${pick(companyKinds)} ${i < 12 ? 'JSC' : i < 30 ? 'Co., Ltd' : 'Ltd'}`;
      companyIds.push(await companiesService.create(trx, principal, {
        name: i >= 12 ? `${name} ${i}` : name, domain: `${strip(name)}${i}.example.com`, industry: pick(industries),
        size: pick(['1-10', '11-50', '51-200', '201-1000']), ownerId: pick(users).id, tags: rnd() < 0.3 ? ['partner'] : [],
        phones: [{ number: `028 38${String(100000 + i * 37).slice(-6)}`.replace(/(\d{4})(\d{4})$/, '$1 $2') }],
      }));
    }
    for (let i = 0; i < CONTACTS; i++) {
      const vietnamese = rnd() < 0.7;
      const givenName = vietnamese ? pick(viGiven) : pick(enGiven);
      const familyName = vietnamese ? pick(viFamily) : pick(enFamily);
      const local = `${strip(givenName)}.${strip(familyName)}${i}`;
      const phone = vietnamese ? `09${Math.floor(10 + rnd() * 89)} ${Math.floor(100 + rnd() * 899)} ${Math.floor(100 + rnd() * 899)}` : `+1 415 555 ${String(1000 + i).slice(-4)}`;
      await contactsService.create(trx, principal, {
        givenName, familyName,
        emails: [{ address: `${local}@example.com`, label: 'work' }],
        phones: [{ number: phone, label: 'mobile' }],
        jobTitle: pick(['Giám đốc', 'Sales Manager', 'Kế toán', 'CTO', 'Marketing Lead', 'Trưởng phòng']),
        companyId: rnd() < 0.8 ? pick(companyIds) : null,
        ownerId: pick(users).id,
        tags: tagPool.filter(() => rnd() < 0.15),
        lifecycleStage: pick(defaultLifecycleStages),
        source: pick(['web_form', 'import', 'referral', 'event']),
        consent: { email: { status: rnd() < 0.6 ? 'granted' : 'unknown', source: 'demo' } },
        addresses: [{ city: vietnamese ? pick(['Hà Nội', 'TP. Hồ Chí Minh', 'Đà Nẵng']) : 'San Francisco', country: vietnamese ? 'VN' : 'US' }],
      });
    }
  });
  return `contacts and companies: ${CONTACTS} contacts and ${COMPANIES} companies added`;
}
