import { sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { verifyAudit } from '../../platform/audit/audit.js';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { newId, nowIso } from '../../platform/ids.js';
import { module, purgeRecycleBin } from './index.js';

const pdf = (p: { given: string; family: string }) => Buffer.from(`%PDF-1.4\n% ${p.given} ${p.family} CV\n%%EOF\n`);

function upload(env: TestEnv, h: Record<string, string>, activityId: string, filename: string, content: Buffer) {
  const boundary = 'kithprivacy';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return env.app.inject({ method: 'POST', url: `/api/v1/activities/${activityId}/attachments`, headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

/** Reads a zip from a buffer into { name → content }. */
function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A contact full of personal data, with a timeline, a file, a mention, consent, a change, and a duplicate merged into it. */
interface Person { given: string; family: string; email: string; phone: string; street: string }
const ERASED: Person = { given: 'Zyxwvut', family: 'Qwertyson', email: 'zyx.qwerty@example.test', phone: '0903 999 111', street: '77 Qwertystreet' };
const EXPORTED: Person = { given: 'Exportina', family: 'Jsonova', email: 'exportina@example.test', phone: '0912 345 678', street: '9 Zipstreet' };

async function personWithHistory(env: TestEnv, who: Person) {
  const { given, family, email, phone, street } = who;
  const db = env.database.db;
  const admin = await createUser(db, { admin: true, name: 'Privacy Officer' });
  const colleague = await createUser(db, { admin: true, name: 'Colleague' });
  const h = await signIn(db, admin);
  const post = (url: string, payload: object) => env.app.inject({ method: 'POST', url, headers: h, payload });
  const c = await post('/api/v1/contacts', {
    givenName: given, familyName: family, emails: [{ address: email }], phones: [{ number: phone }],
    addresses: [{ street, city: 'Hà Nội', country: 'VN' }], social: { linkedin: `https://linkedin.example/in/${given}-${family}` },
    jobTitle: `Chief ${family} Officer`, birthday: '1990-02-03', tags: ['vip'], consent: { email: { status: 'granted', source: 'web_form' } },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const dup = (await post('/api/v1/contacts', { givenName: given, familyName: family, emails: [{ address: `${given}.home@example.test` }] })).json().id as string;
  await post('/api/v1/activities', { type: 'note', contactId: dup, body: `<p>${given} prefers evenings</p>` });
  expect((await post('/api/v1/contacts/merge', { survivorId: id, mergedId: dup, choices: {} })).statusCode).toBe(200);
  const note = (await post('/api/v1/activities', { type: 'note', contactId: id, subject: `Call with ${given}`, body: `<p>${given} ${family} asked <span data-mention-id="${colleague.id}">@Colleague</span> about ${email}</p>` })).json();
  await post('/api/v1/activities', { type: 'email', contactId: id, subject: `Re: ${family} order`, emailFrom: email, emailTo: ['sales@kith.test'], direction: 'inbound' });
  expect((await upload(env, h, note.id, `${given}-${family}-CV.pdf`, pdf(who))).statusCode).toBe(201);
  expect((await env.app.inject({ method: 'PATCH', url: `/api/v1/contacts/${id}`, headers: h, payload: { jobTitle: `${family} Director`, department: `${given} dept` } })).statusCode).toBe(200);
  return { db, h, id, dup, admin, colleague, noteId: note.id as string };
}

const NEEDLES = ['zyxwvut', 'qwertyson', 'zyx.qwerty@example.test', '84903999111', '0903999111', 'qwertystreet'];

/** Every text-like column of every table containing any needle (case-insensitive). */
async function findPersonalData(env: TestEnv): Promise<string[]> {
  const db = env.database.db;
  const hits: string[] = [];
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  expect(tables.length).toBeGreaterThan(20);
  for (const t of tables) {
    if (t.isView) continue;
    for (const col of t.columns) {
      for (const needle of NEEDLES) {
        const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.name)} where lower(cast(${sql.ref(col.name)} as text)) like ${'%' + needle + '%'}`.execute(db);
        if (Number(r.rows[0]!.n) > 0) hits.push(`${t.name}.${col.name} ∋ ${needle}`);
      }
    }
  }
  return hits;
}

describeEachDialect('privacy', (env) => {
  it('exports a readable zip with the record, timeline, consent history, attachments and CSV files; audited', async () => {
    const { db, h, id } = await personWithHistory(env(), EXPORTED);
    const res = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${id}/export`, headers: h });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`contact-${id}.zip`);
    const files = await unzip(res.rawPayload);
    for (const f of ['contact.json', 'contact.csv', 'activities.csv', 'consent_history.csv', 'attachments.csv']) expect(files.has(f), f).toBe(true);
    const json = JSON.parse(files.get('contact.json')!.toString('utf8'));
    expect(json.contact).toMatchObject({ id, givenName: 'Exportina', familyName: 'Jsonova' });
    expect(json.activities.length).toBe(3);
    expect(json.consentHistory[0]).toMatchObject({ channel: 'email', status: 'granted' });
    expect(json.attachments).toHaveLength(1);
    expect(files.get(json.attachments[0].file)!.equals(pdf(EXPORTED))).toBe(true);
    expect(files.get('contact.csv')!.toString('utf8')).toContain('exportina@example.test');
    expect(files.get('activities.csv')!.toString('utf8').split('\r\n')[0]).toContain('occurredAt');
    const audit = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'export').execute();
    expect(audit).toHaveLength(1);
  });

  it('erase leaves no personal data in any table (every column scanned), keeps the audit chain valid and files gone', async () => {
    const { db, h, id, dup } = await personWithHistory(env(), ERASED);
    // An import kept a cell it could not use for this person (an import warning holds the value as typed).
    const importId = newId();
    await db.insertInto('imports').values({
      id: importId, entity: 'contact', status: 'completed', file_name: 'people.csv', file_path: 'imports/x', file_size: 1, format: 'csv',
      headers: '[]', mapping: '{}', match_keys: '[]', created_at: nowIso(), updated_at: nowIso(),
    } as never).execute();
    await db.insertInto('import_warnings').values({
      id: newId(), import_id: importId, row_number: 2, entity: 'contact', record_id: id, column_name: 'Birthday',
      value: `${ERASED.family} 31/02`, code: 'invalid_date', params: '{}', message: 'Birthday: not a date', created_at: nowIso(),
    } as never).execute();
    // The scan does find the data before erasure (contacts, side tables, FTS, activities, files, notifications, vault).
    const beforeHits = await findPersonalData(env());
    for (const t of ['contacts.given_name', 'import_warnings.value', 'contact_emails.email', 'activities.body', 'attachments.filename', 'notifications.body', 'personal_data_vault.data']) {
      expect(beforeHits.some((hit) => hit.startsWith(t)), t).toBe(true);
    }
    const paths = (await db.selectFrom('attachments').innerJoin('activities', 'activities.id', 'attachments.activity_id').select('attachments.path').where('activities.contact_id', '=', id).execute()).map((r) => path.join(env().config.dataDir, r.path));
    expect(paths.length).toBe(1);
    expect(fs.existsSync(paths[0]!)).toBe(true);
    const noConfirm = await env().app.inject({ method: 'POST', url: `/api/v1/contacts/${id}/erase`, headers: h, payload: {} });
    expect(noConfirm.statusCode).toBe(400);
    const viaMerged = await env().app.inject({ method: 'POST', url: `/api/v1/contacts/${dup}/erase`, headers: h, payload: { confirm: true } });
    expect(viaMerged.statusCode).toBe(409);
    const res = await env().app.inject({ method: 'POST', url: `/api/v1/contacts/${id}/erase`, headers: h, payload: { confirm: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().erased.sort()).toEqual([id, dup].sort());

    expect(await findPersonalData(env())).toEqual([]);
    expect(fs.existsSync(paths[0]!)).toBe(false);
    expect((await verifyAudit(db)).ok).toBe(true);
    // What stays: the record as "Erased contact", its activities' types and times, consent statuses.
    const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: 'Erased contact', given_name: null, emails: '[]', search_text: '', erased_at: expect.any(String) });
    const acts = await db.selectFrom('activities').select(['type', 'subject', 'body']).where('contact_id', '=', id).execute();
    expect(acts.map((a) => a.type).sort()).toEqual(['email', 'note', 'note']);
    expect(acts.every((a) => a.subject === null && a.body === null)).toBe(true);
    expect((await db.selectFrom('consent_history').select('status').where('contact_id', '=', id).execute()).map((c) => c.status)).toContain('granted');
    const erase = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'erase').executeTakeFirstOrThrow();
    expect(JSON.parse(erase.after!)).toMatchObject({ pseudonym: 'Erased contact' });
    // The timeline still answers, without the erased content.
    const tl = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${id}/timeline`, headers: h });
    expect(tl.statusCode).toBe(200);
    expect(JSON.stringify(tl.json()).toLowerCase()).not.toContain('zyxwvut');
    // Export after erasure has nothing to give.
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${id}/export`, headers: h })).statusCode).toBe(410);
  });

  it('purge hard-deletes only records soft-deleted longer than recycle.purgeDays', async () => {
    const db = env().database.db;
    const admin = await createUser(db, { admin: true });
    const h = await signIn(db, admin);
    const mk = async (givenName: string) => (await env().app.inject({ method: 'POST', url: '/api/v1/contacts', headers: h, payload: { givenName } })).json().id as string;
    const [oldC, recentC, liveC] = [await mk('Old'), await mk('Recent'), await mk('Live')];
    const oldCo = (await env().app.inject({ method: 'POST', url: '/api/v1/companies', headers: h, payload: { name: 'Old Co' } })).json().id as string;
    const act = (await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'note', contactId: oldC, body: 'x' } })).json();
    const coAct = (await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'note', companyId: oldCo, body: 'y' } })).json();
    const file = (await upload(env(), h, act.id, 'a.txt', Buffer.from('hello'))).json();
    const filePath = path.join(env().config.dataDir, (await db.selectFrom('attachments').select('path').where('id', '=', file.id).executeTakeFirstOrThrow()).path);
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    await db.updateTable('contacts').set({ deleted_at: daysAgo(40) }).where('id', '=', oldC).execute();
    await db.updateTable('contacts').set({ deleted_at: daysAgo(5) }).where('id', '=', recentC).execute();
    await db.updateTable('companies').set({ deleted_at: daysAgo(31) }).where('id', '=', oldCo).execute();

    const r = await purgeRecycleBin(env().ctx);
    expect(r.contacts).toBeGreaterThanOrEqual(1);
    expect(r.companies).toBeGreaterThanOrEqual(1);
    const ids = async () => (await db.selectFrom('contacts').select('id').where('id', 'in', [oldC, recentC, liveC]).execute()).map((x) => x.id).sort();
    expect(await ids()).toEqual([recentC, liveC].sort());
    expect(await db.selectFrom('companies').select('id').where('id', '=', oldCo).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('activities').select('id').where('id', 'in', [act.id, coAct.id]).execute()).toEqual([]);
    expect(await db.selectFrom('attachments').select('id').where('id', '=', file.id).executeTakeFirst()).toBeUndefined();
    expect(fs.existsSync(filePath)).toBe(false);
    expect((await verifyAudit(db)).ok).toBe(true);

    await db.insertInto('settings').values({ key: 'recycle.purgeDays', value: '6', updated_at: nowIso() }).execute();
    try {
      await purgeRecycleBin(env().ctx);
      expect(await ids()).toEqual([recentC, liveC].sort());
      await db.updateTable('settings').set({ value: '3' }).where('key', '=', 'recycle.purgeDays').execute();
      await purgeRecycleBin(env().ctx);
      expect(await ids()).toEqual([liveC]);
    } finally {
      await db.deleteFrom('settings').where('key', '=', 'recycle.purgeDays').execute();
    }
    // `kith purge --days N` runs the same function.
    await db.updateTable('contacts').set({ deleted_at: daysAgo(2) }).where('id', '=', liveC).execute();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await module.commands!.purge!.run(env().ctx, [], { days: '1' })).toBe(0);
      expect(log.mock.calls[0]![0]).toMatch(/^purged 1 contacts/);
    } finally {
      log.mockRestore();
    }
    expect(await ids()).toEqual([]);
  });
});
