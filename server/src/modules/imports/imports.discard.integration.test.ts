/** Issue 11 (item 6): an import left at the mapping step can be discarded, and abandoned uploads are cleaned up. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { ABANDONED_AFTER_DAYS, cleanupAbandoned } from './imports.service.js';
import { importFile, read, upload } from './imports.test-helpers.js';

describeEachDialect('imports: discard and cleanup', (env) => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await signIn(env().database.db, await createUser(env().database.db, { admin: true }));
  });
  const fileOf = (id: string) => path.join(env().config.dataDir, 'imports', id);

  it('DELETE /imports/{id} discards an import at the mapping step (row and upload); a started one is a 409', async () => {
    const id = (await upload(env(), admin, 'google.csv', read('google-current.csv'))).json().id as string;
    expect(fs.existsSync(fileOf(id))).toBe(true);
    const res = await env().app.inject({ method: 'DELETE', url: `/api/v1/imports/${id}`, headers: admin });
    expect(res.statusCode).toBe(204);
    expect(fs.existsSync(fileOf(id))).toBe(false);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: admin })).statusCode).toBe(404);
    const audit = await env().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('import_discard');

    const done = await importFile(env(), admin, 'hubspot.csv', read('hubspot.csv'));
    const again = await env().app.inject({ method: 'DELETE', url: `/api/v1/imports/${done.id}`, headers: admin });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('completed');
    expect(fs.existsSync(fileOf(done.id))).toBe(true);
  });

  it(`the cleanup job deletes uploads left at mapping for ${ABANDONED_AFTER_DAYS} days, and nothing else`, async () => {
    const db = env().database.db;
    const old = (await upload(env(), admin, 'old.csv', read('google-current.csv'))).json().id as string;
    const fresh = (await upload(env(), admin, 'fresh.csv', read('google-current.csv'))).json().id as string;
    const long = new Date(Date.now() - (ABANDONED_AFTER_DAYS + 1) * 86_400_000).toISOString();
    await db.updateTable('imports').set({ updated_at: long }).where('id', '=', old).execute();
    const finished = await importFile(env(), admin, 'outlook.csv', read('outlook.csv'));
    await db.updateTable('imports').set({ updated_at: long }).where('id', '=', finished.id).execute();
    expect(await cleanupAbandoned(env().ctx)).toBe(1);
    const left = (await db.selectFrom('imports').select('id').where('id', 'in', [old, fresh, finished.id]).execute()).map((r) => r.id).sort();
    expect(left).toEqual([fresh, finished.id].sort());
    expect(fs.existsSync(fileOf(old))).toBe(false);
    expect(fs.existsSync(fileOf(fresh))).toBe(true);
    // The module scheduled it at start-up (daily).
    expect(JSON.stringify(await db.selectFrom('schedules').selectAll().execute())).toContain('imports.cleanup');
  });
});
