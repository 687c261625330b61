import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { farCellXlsx, hugeCellXlsx } from './engine/xlsx-hostile.test-helpers.js';
import { upload } from './imports.test-helpers.js';

/** Issue 12, finding 8: uploads that are not what they claim get a 400 with a sentence, never a 500 or a JS error. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-uploads-'));
const files: Record<string, Buffer> = {};
beforeAll(async () => {
  files.huge = fs.readFileSync(await hugeCellXlsx(dir));
  files.far = fs.readFileSync(await farCellXlsx(dir));
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeEachDialect('imports: hostile uploads', (env) => {
  let admin: Record<string, string>;

  async function refused(name: string, content: Buffer, message: string | RegExp) {
    const res = await upload(env(), admin, name, content);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields[0].path).toBe('file');
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/undefined|TypeError|Cannot read|signature not found/);
  }

  it('random binary and known binary formats are not read as a CSV', async () => {
    const { database } = env();
    admin = await signIn(database.db, await createUser(database.db, { admin: true }));
    await refused('contacts.csv', crypto.randomBytes(300_000), 'file: cannot read this file: it holds binary data, not text: upload a CSV, vCard or .xlsx file');
    await refused('contacts.csv', Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(5000)]), /it is a PDF document/);
    await refused('contacts.vcf', crypto.randomBytes(10_000), /binary data/);
    const imports = await database.db.selectFrom('imports').select('id').execute();
    expect(imports).toEqual([]);
    expect(fs.existsSync(path.join(env().config.dataDir, 'imports')) ? fs.readdirSync(path.join(env().config.dataDir, 'imports')) : []).toEqual([]);
  });

  it('a workbook with a 300 MB cell, a cell at XFD1048576 or a damaged one is refused with a sentence', async () => {
    await refused('huge.xlsx', files.huge!, "file: cannot read this file: a cell holds more than 32,767 characters (Excel's own limit)");
    await refused('far.xlsx', files.far!, 'row 1048576 reaches column XFD; at most 2,048 columns can be imported');
    await refused('cut.xlsx', files.far!.subarray(0, 600), /the workbook is damaged or is not an \.xlsx file/);
    // The server answers other requests meanwhile and afterwards.
    expect((await env().app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('an ordinary CSV still imports', async () => {
    const res = await upload(env(), admin, 'ok.csv', Buffer.from('Họ tên,Email\nNguyễn Văn An,an@example.vn\n'));
    expect(res.statusCode, res.body).toBe(201);
  });
});

describeEachDialect('imports: upload size limit (KITH_IMPORT_MAX_BYTES)', (env) => {
  it('a file over the configured limit is a 413 and leaves nothing behind', async () => {
    const { database } = env();
    const admin = await signIn(database.db, await createUser(database.db, { admin: true }));
    const csv = Buffer.from(`Email\n${Array.from({ length: 200 }, (_, i) => `p${i}@example.vn`).join('\n')}\n`);
    expect(csv.length).toBeGreaterThan(2048);
    const res = await upload(env(), admin, 'big.csv', csv);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await database.db.selectFrom('imports').select('id').execute()).toEqual([]);
    const small = await upload(env(), admin, 'small.csv', Buffer.from('Email\na@example.vn\n'));
    expect(small.statusCode).toBe(201);
  });
}, { importMaxBytes: 2048 });
