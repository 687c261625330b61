import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { nowIso } from '../../platform/ids.js';
import { runImport } from './imports.runner.js';
import { importsRepository } from './imports.repository.js';
import { importFile, liveContacts, read, upload } from './imports.test-helpers.js';
import { exportCommand, importCommand } from './imports.commands.js';

/** 1,250 rows; every 10th row repeats the email of a row in an earlier batch (batches of 500). */
const dupEmail = (i: number) => (i % 10 === 0 && i > 505 ? `person${i - 505}@example.vn` : `person${i}@example.vn`);
function bigCsv(): Buffer {
  const lines = ['Full name,Email,Phone,Company'];
  for (let i = 1; i <= 1250; i++) {
    const email = dupEmail(i);
    lines.push(`Nguyễn Văn ${i},${email},09${String(10000000 + i).padStart(8, '0')},Company ${i % 7}`);
  }
  return Buffer.from(lines.join('\n'));
}

describeEachDialect('imports: resume and export', (env) => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await signIn(env().database.db, await createUser(env().database.db, { admin: true }));
  });

  it('an import killed midway resumes after its checkpoint: no duplicates, no lost rows', async () => {
    const e = env();
    const created = await upload(e, admin, 'big.csv', bigCsv());
    const id = created.json().id;
    await e.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload: { mapping: created.json().suggestedMapping, onDuplicate: 'skip' } });
    await importsRepository.transition(e.database.db, id, ['mapping'], { status: 'queued', updated_at: nowIso() });
    // Run 1: one batch commits, then the process "dies".
    let row = await runImport(e.ctx, id, { batchSize: 500, stopAfter: (n) => n === 1 });
    expect(row).toMatchObject({ status: 'running', checkpoint_row: 501, processed: 500 });
    // Run 2: the second batch crashes inside its transaction (rolled back, checkpoint unchanged).
    await expect(runImport(e.ctx, id, { batchSize: 500, beforeCommit: () => { throw new Error('power cut'); } })).rejects.toThrow('power cut');
    row = (await importsRepository.find(e.database.db, id))!;
    expect(row).toMatchObject({ status: 'running', checkpoint_row: 501, processed: 500 });
    // Run 3 (after restart): finishes from row 1002.
    row = await runImport(e.ctx, id, { batchSize: 500 });
    expect(row).toMatchObject({ status: 'completed', total: 1250, processed: 1250, failed: 0, checkpoint_row: 1251 });
    expect(row.created + row.merged + row.skipped).toBe(1250);
    expect(row.merged).toBe(75);
    const emails = await e.database.db.selectFrom('contacts').select('primary_email').where('deleted_at', 'is', null).execute();
    const unique = new Set(emails.map((r) => r.primary_email));
    expect(emails.length).toBe(unique.size);
    expect(unique.size).toBe(row.created);
    // Every distinct email of the file exists exactly once.
    const expected = new Set<string>();
    for (let i = 1; i <= 1250; i++) expected.add(dupEmail(i));
    expect(unique).toEqual(expected);
    const audits = await e.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'import').execute();
    expect(audits).toHaveLength(3);
    // Revert of this run removes everything it created.
    await e.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/revert`, headers: admin });
    await e.ctx.services.jobs.runOnce();
    expect(await e.database.db.selectFrom('contacts').select('id').where('deleted_at', 'is', null).execute()).toHaveLength(0);
  }, 120_000);

  it('cancel stops a queued import', async () => {
    const e = env();
    const created = await upload(e, admin, 'h.csv', read('hubspot.csv'));
    const id = created.json().id;
    await e.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload: { mapping: created.json().suggestedMapping } });
    await e.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: admin });
    expect((await e.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/cancel`, headers: admin })).json().status).toBe('cancelled');
    await e.ctx.services.jobs.runOnce();
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: admin })).json()).toMatchObject({ status: 'cancelled', processed: 0 });
  });

  it('export → import round trip gives identical records; every export reads back with an independent parser', async () => {
    const e = env();
    const files = ['vietnamese-messy-utf8bom.csv', 'contacts-3.0.vcf', 'outlook.csv', 'hubspot.csv'];
    const runs = [];
    for (const f of files) runs.push(await importFile(e, admin, f, read(f), { onDuplicate: 'update' }));
    // A hostile value must come out neutralised.
    const c = await e.database.db.selectFrom('contacts').select('id').where('external_id', '=', '51').executeTakeFirstOrThrow();
    await e.database.db.updateTable('contacts').set({ job_title: '=HYPERLINK("http://evil")' }).where('id', '=', c.id).execute();
    const original = await liveContacts(e);
    expect(original.length).toBeGreaterThanOrEqual(8);

    const csv = await e.app.inject({ method: 'GET', url: '/api/v1/contacts/export?format=csv&bom=true', headers: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(csv.rawPayload, { bom: true, strict: true, columns: true } as never) as Record<string, string>[];
    expect(rows).toHaveLength(original.length);
    const hubspot = rows.find((r) => r['External ID'] === '51')!;
    expect(hubspot['Organization Title']).toBe(`'=HYPERLINK("http://evil")`);
    // An E.164 number cannot carry a formula: written as is, so other tools read the number (issue 11).
    expect(hubspot['Phone 1 - Value']).toBe('+16175550111');
    expect(rows.find((r) => r['Last Name'] === 'Nguyễn')!['First Name']).toBe('Văn An');
    // Full Name in the name's own order (issue 14): family first for a Vietnamese name, given first for a Western one.
    expect(rows.find((r) => r['Last Name'] === 'Nguyễn')!['Full Name']).toBe('Nguyễn Văn An');
    expect(rows.find((r) => r['E-mail 1 - Value'] === 'jane.doe@acme.example')!['Full Name']).toBe('Jane Q Doe');

    const xlsx = await e.app.inject({ method: 'GET', url: '/api/v1/contacts/export?format=xlsx', headers: admin });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(original.length + 1);
    expect(ws.getRow(1).getCell(1).value).toBe('First Name');
    expect(ws.getRow(1).getCell(3).value).toBe('Full Name');
    const xlsxNames = ws.getColumn(3).values.slice(2).map(String);
    expect(xlsxNames).toEqual(expect.arrayContaining(['Nguyễn Văn An', 'Jane Q Doe']));

    const vcf = await e.app.inject({ method: 'GET', url: '/api/v1/contacts/export?format=vcf', headers: admin });
    const parsed = ICAL.parse(vcf.body) as unknown;
    const cards = (Array.isArray((parsed as unknown[])[0]) ? parsed : [parsed]) as unknown[];
    expect(cards).toHaveLength(original.length);
    const jane = cards.map((x) => new ICAL.Component(x as never)).find((comp) => comp.getFirstPropertyValue('email') === 'jane.doe@acme.example')!;
    expect(jane.getFirstPropertyValue('version')).toBe('4.0');
    expect(jane.getFirstPropertyValue('n')).toEqual(['Doe', 'Jane Q', '', '', '']);
    expect(String(jane.getFirstPropertyValue('tel'))).toMatch(/^tel:\+1415555013[23]$/);

    // Remove everything, import the CSV export back: the same records.
    for (const r of [...runs].reverse()) {
      await e.app.inject({ method: 'POST', url: `/api/v1/imports/${r.id}/revert`, headers: admin });
      await e.ctx.services.jobs.runOnce();
    }
    await e.database.db.updateTable('contacts').set({ deleted_at: nowIso() }).where('deleted_at', 'is', null).execute();
    expect(await liveContacts(e)).toEqual([]);
    const back = await importFile(e, admin, 'export.csv', csv.rawPayload);
    expect(back.status).toMatchObject({ status: 'completed', created: original.length, failed: 0, merged: 0 });
    expect(await liveContacts(e)).toEqual(original);
    const audit = await e.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'export').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ format: 'csv', rows: original.length, complete: true });
  });

  it('export honours list filters and ids, and needs the export permission', async () => {
    const e = env();
    const filter = encodeURIComponent(JSON.stringify([{ field: 'externalId', op: 'is', value: '51' }]));
    const one = await e.app.inject({ method: 'GET', url: `/api/v1/contacts/export?format=csv&filter=${filter}`, headers: admin });
    expect(one.statusCode).toBe(200);
    expect(parse(one.body, { strict: true, columns: true } as never)).toHaveLength(1);
    const bad = await e.app.inject({ method: 'GET', url: `/api/v1/contacts/export?filter=${encodeURIComponent('[{"field":"nope","op":"is","value":1}]')}`, headers: admin });
    expect(bad.statusCode).toBe(400);
    const db = e.database.db;
    const reader = await signIn(db, await createUser(db, { roleId: (await createRole(db, { permissions: { contacts: { actions: ['read', 'create'], scope: 'all' } } })).id }));
    const denied = await e.app.inject({ method: 'GET', url: '/api/v1/contacts/export?format=csv', headers: reader });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
  });

  it('CLI: import prints counts as JSON, export writes a file', async () => {
    const e = env();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-'));
    const logs: string[] = [];
    const spy = (m: unknown) => void logs.push(String(m));
    const orig = console.log;
    console.log = spy;
    try {
      const file = path.join(dir, 'sf.csv');
      fs.writeFileSync(file, read('salesforce-api.csv'));
      expect(await importCommand.run(e.ctx, ['contacts', file], { preset: 'salesforce', 'on-duplicate': 'update' })).toBe(0);
      expect(JSON.parse(logs[0]!)).toMatchObject({ status: 'completed', total: 2, failed: 0 });
      expect(await importCommand.run(e.ctx, ['contacts', file], { 'on-duplicate': 'update' })).toBe(0);
      expect(JSON.parse(logs[1]!)).toMatchObject({ total: 2, created: 0, updated: 0, skipped: 2 });
      expect(await importCommand.run(e.ctx, ['contacts', file], { 'on-duplicate': 'sometimes' })).toBe(2);
      const out = path.join(dir, 'out.vcf');
      expect(await exportCommand.run(e.ctx, ['contacts'], { format: 'vcf', out })).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toContain('BEGIN:VCARD');
    } finally {
      console.log = orig;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
