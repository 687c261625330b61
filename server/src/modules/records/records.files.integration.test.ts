import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { removeAttachmentFiles } from '../activities/index.js';
import { purgeRecordFiles } from './records.files.js';
import { actor, client, grantObject } from './records.test-helpers.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('kith-test-png-body')]);

function form(filename: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----kithfiles' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDialect('records platform: attachments fields', (env) => {
  it('upload, download, delete through the pipeline; checks by type, size and count; scope and classification; export', async () => {
    const db = env().database.db;
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    const made = await admin.post('/record-types', {
      name: 'fl_docs', labels: { en: { singular: 'Doc', plural: 'Docs' }, vi: { singular: 'Tài liệu', plural: 'Tài liệu' } },
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true, classification: 'public' },
        { key: 'files', type: 'attachments', labels: { en: 'Files', vi: 'Tệp' } },
        { key: 'secret', type: 'attachments', labels: { en: 'Secret', vi: 'Mật' }, classification: 'restricted' },
      ],
    });
    expect(made.status).toBe(201);
    expect(made.body.fields[1]).toMatchObject({ type: 'attachments', sortable: false });
    const bad = await admin.post('/record-types/fl_docs/fields', { key: 'req', type: 'attachments', labels: { en: 'R', vi: 'R' }, required: true });
    expect(bad.body.error.fields[0].path).toBe('required');

    const doc = (await admin.post('/objects/fl_docs', { values: { name: 'Contract' } })).body;
    const upload = (name: string, content: Buffer, key = 'files', headers = a.headers) => {
      const f = form(name, content);
      return env().app.inject({ method: 'POST', url: `/api/v1/objects/fl_docs/${doc.id}/fields/${key}/files`, headers: { ...headers, ...f.headers }, payload: f.payload });
    };
    const up = await upload('scan.png', PNG);
    expect(up.statusCode).toBe(201);
    const file = up.json().data[0];
    expect(up.json().data).toEqual([{ id: file.id, name: 'scan.png', size: PNG.length, contentType: 'image/png' }]);
    const rec = await admin.get(`/objects/fl_docs/${doc.id}`);
    expect(rec.body).toMatchObject({ version: 2, values: { files: [file] } });

    // The change is an update event with old → new, in the audit log and the outbox.
    const timeline = (await admin.get(`/objects/fl_docs/${doc.id}/timeline`)).body.data;
    expect(timeline[0]).toMatchObject({ type: 'updated', changes: { files: { old: null, new: [file] } } });
    const outbox = await db.selectFrom('outbox').select('type').where('entity', '=', 'fl_docs').where('entity_id', '=', doc.id).execute();
    expect(outbox.map((o) => o.type)).toEqual(['record.created', 'record.updated']);
    const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'object:fl_docs').where('entity_id', '=', doc.id).orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'update']);

    const dl = await env().app.inject({ method: 'GET', url: `/api/v1/objects/fl_docs/${doc.id}/fields/files/files/${file.id}`, headers: a.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toContain('scan.png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);

    // Bad input: type by content, size, a value written directly, an unknown field; nothing changed.
    const fake = await upload('fake.png', Buffer.from('not a png at all'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.fields[0].path).toBe('file');
    expect((await upload('tool.exe', Buffer.from('MZ....'))).statusCode).toBe(415);
    const big = await upload('big.png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.fields[0].path).toBe('file');
    const direct = await admin.patch(`/objects/fl_docs/${doc.id}`, { values: { files: [] } });
    expect(direct.status).toBe(400);
    expect(direct.body.error.fields[0].path).toBe('values.files');
    expect((await upload('a.png', PNG, 'name')).statusCode).toBe(404);
    expect((await admin.get(`/objects/fl_docs/${doc.id}`)).body.version).toBe(2);

    // At most 20 files per field.
    for (let i = 1; i < 20; i++) expect((await upload(`p${i}.png`, PNG)).statusCode).toBe(201);
    const full = await upload('p21.png', PNG);
    expect(full.statusCode).toBe(400);
    expect(full.json().error.fields[0]).toMatchObject({ path: 'file' });
    expect((await db.selectFrom('record_files').select('id').where('record_id', '=', doc.id).execute()).length).toBe(20);

    // A reader who may not see the record gets 404; one below the field's classification too.
    const stranger = await actor(env(), { permissions: grantObject('fl_docs', 'own') });
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/objects/fl_docs/${doc.id}/fields/files/files/${file.id}`, headers: stranger.headers })).statusCode).toBe(404);
    const secret = (await upload('s.png', PNG, 'secret')).json().data[0];
    const reader = await actor(env(), { permissions: grantObject('fl_docs', 'all', ['read']), maxClassification: 'internal' });
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/objects/fl_docs/${doc.id}/fields/secret/files/${secret.id}`, headers: reader.headers })).statusCode).toBe(404);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/objects/fl_docs/${doc.id}/fields/files/files/${file.id}`, headers: reader.headers })).statusCode).toBe(200);
    expect((await client(env(), reader.headers).get(`/objects/fl_docs/${doc.id}`)).body).toMatchObject({ masked: ['secret'], values: { secret: null } });
    // Reading is not changing.
    expect((await env().app.inject({ method: 'DELETE', url: `/api/v1/objects/fl_docs/${doc.id}/fields/files/files/${file.id}`, headers: reader.headers })).statusCode).toBe(403);

    // Export lists the file names; import ignores the column.
    const exp = await admin.get('/objects/fl_docs/export?format=csv');
    expect(exp.text).toContain('scan.png; p1.png');

    // Delete: the row, the bytes and the value go; a deleted record keeps its files.
    const stored = await db.selectFrom('record_files').select('path').where('id', '=', file.id).executeTakeFirstOrThrow();
    const dataDir = env().config.dataDir;
    expect(fs.existsSync(path.resolve(dataDir, stored.path))).toBe(true);
    const del = await admin.del(`/objects/fl_docs/${doc.id}/fields/files/files/${file.id}`);
    expect(del.status).toBe(200);
    expect(del.body.data.length).toBe(19);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/objects/fl_docs/${doc.id}/fields/files/files/${file.id}`, headers: a.headers })).statusCode).toBe(404);
    expect(fs.existsSync(path.resolve(dataDir, stored.path))).toBe(false);
    const t2 = (await admin.get(`/objects/fl_docs/${doc.id}/timeline`)).body.data[0];
    expect(t2.changes.files.old.length).toBe(20);
    expect(t2.changes.files.new.length).toBe(19);
    const keep = (await admin.get(`/objects/fl_docs/${doc.id}`)).body.values.files[0];
    expect((await admin.del(`/objects/fl_docs/${doc.id}`)).status).toBe(204);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/objects/fl_docs/${doc.id}/fields/files/files/${keep.id}`, headers: a.headers })).statusCode).toBe(200);

    // A purge (the hook a recycle-bin purge calls) removes the rows, then the bytes.
    const kept = await db.selectFrom('record_files').select('path').where('record_id', '=', doc.id).execute();
    const paths = await db.transaction().execute((trx) => purgeRecordFiles(trx, 'fl_docs', doc.id));
    await removeAttachmentFiles(dataDir, paths);
    expect(paths.sort()).toEqual(kept.map((k) => k.path).sort());
    expect(await db.selectFrom('record_files').select('id').where('record_id', '=', doc.id).execute()).toEqual([]);
    expect(kept.some((k) => fs.existsSync(path.resolve(dataDir, k.path)))).toBe(false);
  }, 120_000);
});
