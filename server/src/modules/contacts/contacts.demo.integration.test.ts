import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam, createUser } from '../../platform/testing/factories.js';
import { module } from './index.js';

describeEachDialect('contacts demo', (env) => {
  it('loads ~300 contacts and ~60 companies spread over the users, once', async () => {
    const db = env().database.db;
    const team = await createTeam(db);
    // No active user yet: nothing to own the records, and it says so.
    expect(await module.demo!(env().ctx)).toBe('contacts and companies: none added, there is no active user to own them');
    await createUser(db, { admin: true });
    const seller = await createUser(db, { teamId: team.id });
    expect(await module.demo!(env().ctx)).toBe('contacts and companies: 300 contacts and 60 companies added');
    // Idempotent, and says that it added nothing.
    expect(await module.demo!(env().ctx)).toBe('contacts and companies: none added, the database already has contacts');
    expect((await db.selectFrom('contacts').select('id').execute()).length).toBe(300);
    expect((await db.selectFrom('companies').select('id').execute()).length).toBe(60);
    const sellers = await db.selectFrom('contacts').select(['team_id']).where('owner_id', '=', seller.id).execute();
    expect(sellers.length).toBeGreaterThan(0);
    expect(sellers.every((r) => r.team_id === team.id)).toBe(true);
    expect((await db.selectFrom('contacts').select('id').where('search_text', 'like', '%nguyen%').execute()).length).toBeGreaterThan(0);
  }, 120_000);
});
