import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { nowIso } from '../../platform/ids.js';
import { importCommand } from './imports.commands.js';
import { importsRepository } from './imports.repository.js';
import { runImport } from './imports.runner.js';
import { read, upload } from './imports.test-helpers.js';

/**
 * 1,250 company rows, batches of 500. Every 10th row after 505 (but 1210) repeats (another spelling of) the domain
 * of a row in an earlier batch; rows 50, 100, … 500 name a parent group that only appears as its own row
 * in the last batch (rows 1201–1210), so the group is created as a parent first and claimed later.
 */
function bigCsv(): Buffer {
  const lines = ['Company Name,Website,Parent Company'];
  for (let i = 1; i <= 1250; i++) {
    if (i > 1200 && i <= 1210) lines.push(`Tập đoàn ${i - 1200},https://tapdoan${i - 1200}.vn,`);
    else if (i % 10 === 0 && i > 505) lines.push(`Công ty số ${i},WWW.CTY${i - 505}.VN/lien-he,`);
    else lines.push(`Công ty ${i},cty${i}.vn,${i <= 500 && i % 50 === 0 ? `Tập đoàn ${i / 50}` : ''}`);
  }
  return Buffer.from(lines.join('\n'));
}

describeEachDialect('imports: companies resume and CLI', (env) => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await signIn(env().database.db, await createUser(env().database.db, { admin: true }));
    await createUser(env().database.db, { email: 'lan@kith.test', name: 'Lan Nguyễn' });
  });

  it('a company import killed midway resumes after its checkpoint: no doubles, parents created early are claimed by their rows', async () => {
    const e = env();
    const db = e.database.db;
    const created = await upload(e, admin, 'big.csv', bigCsv(), { entity: 'company' });
    const id = created.json().id;
    expect(created.json().suggestedMapping).toEqual({ 'Company Name': 'name', Website: 'domain', 'Parent Company': 'parent' });
    await e.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload: { mapping: created.json().suggestedMapping, onDuplicate: 'skip' } });
    await importsRepository.transition(db, id, ['mapping'], { status: 'queued', updated_at: nowIso() });
    let row = await runImport(e.ctx, id, { batchSize: 500, stopAfter: (n) => n === 1 });
    expect(row).toMatchObject({ status: 'running', checkpoint_row: 501, processed: 500, created: 500 });
    // The 10 parent groups exist already, created for rows 50…500.
    expect(await db.selectFrom('companies').select('id').where('name', 'like', 'Tập đoàn %').execute()).toHaveLength(10);
    await expect(runImport(e.ctx, id, { batchSize: 500, beforeCommit: () => { throw new Error('power cut'); } })).rejects.toThrow('power cut');
    row = (await importsRepository.find(db, id))!;
    expect(row).toMatchObject({ status: 'running', checkpoint_row: 501, processed: 500 });
    row = await runImport(e.ctx, id, { batchSize: 500 });
    expect(row).toMatchObject({ status: 'completed', total: 1250, processed: 1250, failed: 0, skipped: 0, merged: 74, created: 1176, checkpoint_row: 1251 });
    const live = await db.selectFrom('companies').select(['id', 'name', 'name_key', 'domain', 'parent_id']).where('deleted_at', 'is', null).execute();
    expect(live).toHaveLength(1176);
    expect(new Set(live.map((c) => c.name_key)).size).toBe(1176);
    expect(new Set(live.map((c) => c.domain)).size).toBe(1176);
    const groups = live.filter((c) => c.name.startsWith('Tập đoàn'));
    expect(groups.map((g) => g.domain).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `tapdoan${k + 1}.vn`).sort());
    const byId = new Map(live.map((c) => [c.id, c]));
    const child = live.find((c) => c.name === 'Công ty 150')!;
    expect(byId.get(child.parent_id!)!.name).toBe('Tập đoàn 3');
    // Each group's creation is attributed to its own row once claimed.
    const origin = await db.selectFrom('import_changes').select(['record_id', 'row_number']).where('import_id', '=', id)
      .where('record_id', 'in', groups.map((g) => g.id)).execute();
    expect(origin.map((o) => o.row_number).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, k) => 1202 + k));
    const audits = await db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'import').execute();
    expect(audits).toHaveLength(3);
    await e.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/revert`, headers: admin });
    await e.ctx.services.jobs.runOnce();
    expect(await db.selectFrom('companies').select('id').where('deleted_at', 'is', null).execute()).toHaveLength(0);
  }, 120_000);

  it('without name among the match keys, a parent created early is still claimed by its own row', async () => {
    const e = env();
    const db = e.database.db;
    const csv = Buffer.from('Company Name,Website,Parent Company\nCon Một,conmot.vn,Mẹ Chung\nCon Hai,conhai.vn,Mẹ Chung\nKhác,khac.vn,\nMẹ Chung,mechung.vn,\n');
    const created = await upload(e, admin, 'small.csv', csv, { entity: 'company' });
    const id = created.json().id;
    await e.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload: { mapping: created.json().suggestedMapping, matchKeys: ['domain'] } });
    await importsRepository.transition(db, id, ['mapping'], { status: 'queued', updated_at: nowIso() });
    const row = await runImport(e.ctx, id, { batchSize: 2 });
    expect(row).toMatchObject({ status: 'completed', created: 4, merged: 0, failed: 0 });
    const parents = await db.selectFrom('companies').select(['id', 'domain']).where('name', '=', 'Mẹ Chung').where('deleted_at', 'is', null).execute();
    expect(parents).toEqual([{ id: expect.any(String), domain: 'mechung.vn' }]);
    const children = await db.selectFrom('companies').select('parent_id').where('name', 'in', ['Con Một', 'Con Hai']).execute();
    expect(children.map((c) => c.parent_id)).toEqual([parents[0]!.id, parents[0]!.id]);
  });

  it('CLI: kith import companies prints counts as JSON with the contacts exit codes', async () => {
    const e = env();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-'));
    const logs: string[] = [];
    const orig = console.log;
    const origErr = console.error;
    console.log = (m: unknown) => void logs.push(String(m));
    console.error = () => {};
    try {
      const hs = path.join(dir, 'hs.csv');
      fs.writeFileSync(hs, read('hubspot-companies.csv'));
      expect(await importCommand.run(e.ctx, ['companies', hs], {})).toBe(0);
      expect(JSON.parse(logs[0]!)).toMatchObject({ status: 'completed', total: 3, created: 3, failed: 0 });
      expect(await importCommand.run(e.ctx, ['companies', hs], { 'on-duplicate': 'update' })).toBe(0);
      expect(JSON.parse(logs[1]!)).toMatchObject({ total: 3, created: 0, updated: 0, skipped: 3 });
      const vi = path.join(dir, 'vi.csv');
      fs.writeFileSync(vi, read('companies-vi.csv'));
      expect(await importCommand.run(e.ctx, ['companies', vi], { 'on-duplicate': 'update' })).toBe(3);
      // Cường Thịnh and its parent Công ty Đại Phát exist (from the HubSpot file) and are updated; the others are new.
      // The nameless row fails (exit 3); a bad phone and an unknown owner are warnings on companies still made.
      expect(JSON.parse(logs[2]!)).toMatchObject({ status: 'completed', total: 10, created: 5, updated: 2, failed: 1, merged: 2, warnings: 2, outcome: 'rows_failed' });
      expect(await importCommand.run(e.ctx, ['companies', vi], { preset: 'google' })).toBe(2);
      expect(await importCommand.run(e.ctx, ['people', vi], {})).toBe(2);
    } finally {
      console.log = orig;
      console.error = origErr;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
