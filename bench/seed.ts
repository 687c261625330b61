/**
 * Realistic customer data for benches: English and Vietnamese names, VN and international phones,
 * companies, owners, stages, tags, and activities — written through the production batch path
 * (contactsBulkRepository) so indexes, side tables and the search index are what the app maintains.
 * Activities go through platform/db's bulkInsert (the helper that path uses): cached prepared multi-row
 * INSERTs on SQLite, large multi-row VALUES on PostgreSQL. Batches of 5,000 rows per transaction.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../server/src/platform/db/db';
import type { DB } from '../server/src/platform/db/schema';
import { bulkInsert } from '../server/src/platform/db/bulk';
import { newId } from '../server/src/platform/ids';
import { contactsBulkRepository, contactDerived, companySearchText, normaliseText, type ContactValues, type CompanyValues } from '../server/src/modules/contacts/index';

const VI_FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const VI_MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Ngọc', 'Quang', 'Hữu', 'Thanh', 'Gia'];
const VI_GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const EN_GIVEN = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Emma', 'Oliver', 'Sophia', 'Daniel', 'Olivia', 'Lucas', 'Grace'];
const EN_FAMILY = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark', 'Walker', 'Hall', 'Young'];
const STAGES = ['subscriber', 'lead', 'marketing_qualified', 'sales_qualified', 'opportunity', 'customer', 'evangelist', 'other'];
const TAGS = ['vip', 'newsletter', 'partner', 'hanoi', 'hcmc', 'trade-show', 'referral', 'churn-risk'];
const INDUSTRIES = ['Retail', 'Manufacturing', 'Software', 'Logistics', 'Finance', 'Education', 'Healthcare'];

/** Deterministic PRNG (mulberry32) so every run seeds the same data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)]!;

export interface SeedUsers { userIds: string[]; teamIds: (string | null)[] }

export async function seedCompanies(database: Database, n: number, users: SeedUsers, r: () => number, batch = 5000): Promise<string[]> {
  const ids: string[] = [];
  const base = Date.parse('2024-01-01');
  for (let start = 0; start < n; start += batch) {
    const rows: CompanyValues[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const name = `${pick(r, ['Công ty', 'Tập đoàn', 'Acme', 'Global', 'Sao Mai', 'Hòa Phát', 'Blue Ocean'])} ${pick(r, INDUSTRIES)} ${i}`;
      const domain = `company${i}.example.vn`;
      const phone = `+8428${String(30000000 + i).slice(-8)}`;
      const u = Math.floor(r() * users.userIds.length);
      const t = new Date(base + i * 60_000).toISOString();
      const id = newId();
      ids.push(id);
      rows.push({
        id, name, name_key: normaliseText(name), domain, industry: pick(r, INDUSTRIES), size: pick(r, ['1-10', '11-50', '51-200', '201-1000']),
        phones: JSON.stringify([{ number: phone, label: 'work', primary: true }]), addresses: '[]', parent_id: null,
        owner_id: users.userIds[u]!, team_id: users.teamIds[u] ?? null, tags: '[]', custom: '{}',
        search_text: companySearchText({ name, domain, phones: [phone] }), created_at: t, updated_at: t, created_by: null, updated_by: null, deleted_at: null,
      } as CompanyValues);
    }
    await database.db.transaction().execute((trx) => contactsBulkRepository.insertCompanies(database, trx, rows));
  }
  return ids;
}

export function contactRow(i: number, r: () => number, users: SeedUsers, companyIds: string[]): ContactValues {
  const vietnamese = r() < 0.7;
  const given = vietnamese ? `${pick(r, VI_MIDDLE)} ${pick(r, VI_GIVEN)}` : pick(r, EN_GIVEN);
  const family = vietnamese ? pick(r, VI_FAMILY) : pick(r, EN_FAMILY);
  const email = `${normaliseText(given + ' ' + family).replace(/[^a-z]+/g, '.')}.${i}@example.com`;
  const phone = vietnamese ? `+849${String(10000000 + i).slice(-8)}` : `+1415${String(1000000 + i).slice(-7)}`;
  const companyId = companyIds.length && r() < 0.8 ? pick(r, companyIds) : null;
  const u = Math.floor(r() * users.userIds.length);
  const t = new Date(Date.parse('2024-01-01') + i * 30_000).toISOString();
  const tags = r() < 0.4 ? [pick(r, TAGS)] : [];
  const emails = [{ address: email, label: 'work', primary: true }];
  const phones = [{ number: phone, raw: phone, label: 'mobile', primary: true }];
  const base = { given_name: given, family_name: family, name_order: null, addresses: '[]' };
  return {
    id: newId(), ...base, pronoun: null,
    ...contactDerived(base, emails, phones),
    emails: JSON.stringify(emails), phones: JSON.stringify(phones), social: '{}', job_title: pick(r, ['Giám đốc', 'Kế toán', 'Sales Manager', 'Engineer', 'Trưởng phòng']), department: null,
    birthday: null, company_id: companyId, owner_id: users.userIds[u]!, team_id: users.teamIds[u] ?? null,
    tags: JSON.stringify(tags), lifecycle_stage: pick(r, STAGES), source: pick(r, ['web', 'referral', 'event', 'import']), external_id: null,
    consent: '{}', custom: '{}',
    created_at: t, updated_at: t, created_by: null, updated_by: null, deleted_at: null, erased_at: null,
  } as ContactValues;
}

export async function seedContacts(database: Database, n: number, users: SeedUsers, companyIds: string[], r: () => number, onProgress?: (done: number) => void, batch = 5000): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < n; start += batch) {
    const rows: ContactValues[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) rows.push(contactRow(i, r, users, companyIds));
    await database.db.transaction().execute((trx) => contactsBulkRepository.insertContacts(database, trx, rows));
    for (const row of rows) ids.push(row.id);
    onProgress?.(Math.min(n, start + batch));
  }
  return ids;
}

/** Activities spread over the given contacts (a few per contact), through the bulk-insert helper. */
export async function seedActivities(database: Database, n: number, contactIds: () => string, users: SeedUsers, r: () => number, batch = 5000): Promise<void> {
  const base = Date.parse('2025-01-01');
  for (let start = 0; start < n; start += batch) {
    const rows: Insertable<DB['activities']>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const type = pick(r, ['note', 'call', 'meeting', 'email', 'task']);
      const t = new Date(base + i * 10_000).toISOString();
      const u = Math.floor(r() * users.userIds.length);
      rows.push({
        id: newId(), type, subject: `${type} ${i}`, body: type === 'note' ? `<p>Ghi chú số ${i}: khách hàng quan tâm sản phẩm.</p>` : null,
        contact_id: contactIds(), company_id: null, owner_id: users.userIds[u]!, team_id: users.teamIds[u] ?? null,
        occurred_at: t, duration_seconds: type === 'call' ? Math.floor(r() * 900) : null, direction: type === 'call' ? pick(r, ['inbound', 'outbound']) : null,
        outcome: null, due_at: null, remind_at: null, reminded_at: null, completed_at: null, location: null, email_from: null, email_to: null,
        mentions: '[]', created_at: t, updated_at: t, created_by: null, updated_by: null, deleted_at: null,
      });
    }
    await database.db.transaction().execute((trx) => bulkInsert(database, trx, 'activities', rows));
  }
}
