/**
 * Issue 12 (search oracle): migration 20261207_0430 rewrites every contact's search_text without its company's
 * name, in batches, and the trigram index (SQLite FTS5 / PostgreSQL pg_trgm) follows.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/db.js';
import { searchMatch } from '../../platform/db/dialect.js';
import { migrateToLatest, type MigrationSet } from '../../platform/db/migrate.js';
import { platformMigrations } from '../../platform/db/migrations/index.js';
import { dialects, freshDatabaseConfig } from '../../platform/testing/harness.js';
import { newId } from '../../platform/ids.js';
import { modules } from '../index.js';
import { contactSearchText, normaliseText } from './contacts.logic.js';

const WITHOUT_COMPANY = '20261207_0430_contacts_search_text_without_company';

/** Every migration before `name`, per set (migrations run in name order across sets). */
const before = (sets: MigrationSet[], name: string): MigrationSet[] =>
  sets.map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k < name)));

for (const dialect of dialects) {
  it(`${dialect}: the search_text migration drops the company name from every contact and the index follows`, async () => {
    const config = await freshDatabaseConfig(dialect);
    const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const sets = [platformMigrations, ...modules.map((m) => m.migrations ?? {})];
      await migrateToLatest(database, before(sets, WITHOUT_COMPANY));
      const now = new Date().toISOString();
      const person = (given: string | null, family: string | null, email: string | null, phone: string | null) => {
        const emails = email ? [{ address: email, label: null, primary: true }] : [];
        const phones = phone ? [{ number: phone, label: null, primary: true }] : [];
        const parts = { givenName: given, familyName: family, emails: email ? [email] : [], phones: phone ? [phone] : [] };
        // The search text as writers stored it before: the company's name last.
        const old = normaliseText(`${contactSearchText(parts)} | Công ty Bí Mật`);
        return { id: newId(), given, family, emails: JSON.stringify(emails), phones: JSON.stringify(phones), old, expected: contactSearchText(parts) };
      };
      const people = [person('Văn An', 'Nguyễn', 'an@example.vn', '+84903123456'), person(null, null, 'x@y.io', null)];
      // 5,001 more: the rewrite works in batches of 5,000 and must not stop after the first.
      for (let i = 0; i < 5001; i++) people.push(person(`G${i}`, 'Đặng', null, null));
      const erased = { ...person(null, null, null, null), old: '', expected: '' };
      people.push(erased);
      for (let i = 0; i < people.length; i += 500) {
        const values = sql.join(people.slice(i, i + 500).map((p) => sql`(${p.id}, ${p.given}, ${p.family}, ${p.given ?? 'x'}, ${'k'}, ${p.emails}, ${p.phones}, ${now}, ${now}, ${p.old})`));
        await sql`insert into contacts (id, given_name, family_name, display_name, name_key, emails, phones, created_at, updated_at, search_text) values ${values}`.execute(database.db);
      }
      const find = async (needle: string) => (await database.db.selectFrom('contacts').select('id').where(searchMatch(dialect, 'contacts', needle)).execute()).length;
      expect(await find('cong ty bi mat')).toBe(people.length - 1);

      await migrateToLatest(database, sets);
      const texts = new Map((await database.db.selectFrom('contacts').select(['id', 'search_text']).execute()).map((r) => [r.id, r.search_text]));
      expect(texts.get(people[0]!.id)).toBe('van an nguyen | nguyen van an | an@example.vn | 84903123456 0903123456');
      expect(texts.get(people[1]!.id)).toBe('x@y.io');
      expect(texts.get(people[people.length - 2]!.id)).toBe('g5000 dang | dang g5000');
      expect(texts.get(erased.id)).toBe('');
      expect(people.filter((p) => texts.get(p.id) !== p.expected)).toEqual([]);
      // Through the index: the company's name finds no contact; names, emails and phones still do.
      expect(await find('cong ty bi mat')).toBe(0);
      expect(await find('bi mat')).toBe(0);
      expect(await find('nguyen van an')).toBe(1);
      expect(await find('an@example')).toBe(1);
      expect(await find('0903123456')).toBe(1);
      expect(await find('dang g500')).toBe(2); // G500 and G5000
    } finally {
      await database.close();
    }
  }, 120_000);
}
