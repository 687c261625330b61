import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { TimelineItem } from '../../../../contracts/activities.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { nowIso } from '../../platform/ids.js';
import { registerTimelineSource, sendDueReminders, unregisterTimelineSource } from './index.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart/form-data body with one file field. */
export function multipartBody(filename: string, content: Buffer, field = 'file') {
  const boundary = '----kithtest' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function setup(env: TestEnv) {
  const db = env.database.db;
  const admin = await createUser(db, { admin: true, name: 'Admin Person' });
  const h = await signIn(db, admin);
  const colleague = await createUser(db, { admin: true, name: 'Mentioned Colleague' });
  const contact = await env.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: h, payload: { givenName: 'Lan', familyName: 'Tran', emails: [{ address: 'lan@example.test' }] } });
  expect(contact.statusCode).toBe(201);
  return { db, admin, h, colleague, contactId: contact.json().id as string };
}

describeEachDialect('activities', (env) => {
  it('creates a note with sanitised HTML, notifies a mentioned user once, and shows it on the timeline', async () => {
    const { db, h, colleague, contactId } = await setup(env());
    const body = `<p onclick="evil()">Hi <span data-type="mention" data-mention-id="${colleague.id}">@Col</span> <script>alert(1)</script><a href="javascript:x()">bad</a> <a href="https://kith.example">ok</a> and @[Col](${colleague.id})</p>`;
    const res = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'note', contactId, body } });
    expect(res.statusCode).toBe(201);
    const note = res.json();
    expect(note.body).not.toContain('script');
    expect(note.body).not.toContain('onclick');
    expect(note.body).not.toContain('javascript:');
    expect(note.body).toContain('href="https://kith.example"');
    expect(note.body).toContain(`data-mention-id="${colleague.id}"`);
    expect(note.mentions).toEqual([colleague.id]);
    const notes = await db.selectFrom('notifications').selectAll().where('user_id', '=', colleague.id).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.link).toBe(`/contacts/${contactId}`);
    // Editing the note keeps the mention: no second notification.
    const edit = await env().app.inject({ method: 'PATCH', url: `/api/v1/activities/${note.id}`, headers: h, payload: { body: body + '<p>more</p>' } });
    expect(edit.statusCode).toBe(200);
    expect(await db.selectFrom('notifications').select('id').where('user_id', '=', colleague.id).execute()).toHaveLength(1);
    const tl = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/timeline`, headers: h });
    expect(tl.statusCode).toBe(200);
    expect(tl.json().data.map((i: TimelineItem) => i.id)).toContain(note.id);
  });

  it('merges sources newest first with keyset paging and a type filter', async () => {
    const { h, contactId } = await setup(env());
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
    const made: string[] = [];
    for (const [type, m] of [['call', 1], ['meeting', 3], ['note', 5], ['email', 7]] as const) {
      const r = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type, contactId, occurredAt: at(m), subject: `${type} ${m}`, ...(type === 'call' ? { direction: 'outbound', durationSeconds: 90, outcome: 'answered' } : {}) } });
      expect(r.statusCode).toBe(201);
      made.push(r.json().id);
    }
    // An extension source (as tickets would add) with items interleaved in time.
    const ext = [2, 4, 6].map((m) => ({
      id: `00000000-0000-7000-8000-00000000000${m}`, type: 'ticket', source: 'tickets-test', occurredAt: at(m), title: `ticket ${m}`,
      actor: null, activity: null, changes: null, data: { number: m }, link: `/tickets/${m}`,
    }));
    registerTimelineSource('tickets-test', {
      types: ['ticket'],
      entities: ['contact'],
      async fetch(_ex, _p, q) {
        return ext
          .filter((i) => q.id === contactId && (!q.before || i.occurredAt < q.before.occurredAt || (i.occurredAt === q.before.occurredAt && i.id < q.before.id)))
          .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1))
          .slice(0, q.limit);
      },
    });
    try {
      const seen: TimelineItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/contacts/${contactId}/timeline?limit=2&types=call,meeting,note,email,ticket${cursor ? `&cursor=${cursor}` : ''}`;
        const r = await env().app.inject({ method: 'GET', url, headers: h });
        expect(r.statusCode).toBe(200);
        seen.push(...r.json().data);
        cursor = r.json().nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen.map((i) => i.title)).toEqual(['email 7', 'ticket 6', 'note 5', 'ticket 4', 'meeting 3', 'ticket 2', 'call 1']);
      expect(pages).toBe(4);
      expect(seen.find((i) => i.type === 'call')!.activity).toMatchObject({ direction: 'outbound', durationSeconds: 90, outcome: 'answered' });
      const onlyCalls = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/timeline?types=call,ticket`, headers: h });
      expect(onlyCalls.json().data.map((i: TimelineItem) => i.title)).toEqual(['ticket 6', 'ticket 4', 'ticket 2', 'call 1']);
      const bad = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/timeline?types=Robert');drop`, headers: h });
      expect(bad.statusCode).toBe(400);
    } finally {
      unregisterTimelineSource('tickets-test');
    }
  });

  it('shows field changes from the audit log after a PATCH', async () => {
    const { h, contactId } = await setup(env());
    const patch = await env().app.inject({ method: 'PATCH', url: `/api/v1/contacts/${contactId}`, headers: h, payload: { jobTitle: 'Buyer', givenName: 'Lanh' } });
    expect(patch.statusCode).toBe(200);
    const tl = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/timeline?types=field_change`, headers: h });
    const items = tl.json().data as TimelineItem[];
    expect(items).toHaveLength(1);
    const fields = items[0]!.changes!.map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['jobTitle', 'givenName']));
    expect(fields).not.toContain('version');
    expect(items[0]!.changes!.find((c) => c.field === 'givenName')).toMatchObject({ before: 'Lan', after: 'Lanh' });
    expect(items[0]!.actor?.name).toBe('Admin Person');
  });

  it('tasks: due date, complete and reopen, reminders notify the owner once', async () => {
    const { db, admin, h, contactId } = await setup(env());
    const due = new Date(Date.now() + 3600_000).toISOString();
    const bad = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'task', contactId, subject: 'Call back', dueAt: due, remindAt: new Date(Date.now() + 7200_000).toISOString() } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('remindAt');
    const t = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'task', contactId, subject: 'Call back', dueAt: due, remindAt: new Date(Date.now() - 1000).toISOString() } });
    expect(t.statusCode).toBe(201);
    const id = t.json().id;
    const open = await env().app.inject({ method: 'GET', url: `/api/v1/activities?status=open&ownerId=${admin.id}`, headers: h });
    expect(open.json().data.map((a: { id: string }) => a.id)).toContain(id);
    expect(await sendDueReminders(env().ctx)).toBe(1);
    expect(await sendDueReminders(env().ctx)).toBe(0);
    const reminders = await db.selectFrom('notifications').selectAll().where('user_id', '=', admin.id).where('type', '=', 'task.reminder').execute();
    expect(reminders).toHaveLength(1);
    const done = await env().app.inject({ method: 'POST', url: `/api/v1/activities/${id}/complete`, headers: h, payload: {} });
    expect(done.statusCode).toBe(200);
    expect(done.json().completedAt).not.toBeNull();
    const stillOpen = await env().app.inject({ method: 'GET', url: `/api/v1/activities?status=open&ownerId=${admin.id}`, headers: h });
    expect(stillOpen.json().data.map((a: { id: string }) => a.id)).not.toContain(id);
    const reopened = await env().app.inject({ method: 'POST', url: `/api/v1/activities/${id}/complete`, headers: h, payload: { completed: false } });
    expect(reopened.json().completedAt).toBeNull();
    const note = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'note', contactId, body: 'x' } });
    const notTask = await env().app.inject({ method: 'POST', url: `/api/v1/activities/${note.json().id}/complete`, headers: h, payload: {} });
    expect(notTask.statusCode).toBe(422);
  });

  it('attachments: type by magic bytes and extension (415), size limit (413), download with safe headers, delete', async () => {
    const { db, h, contactId } = await setup(env());
    const note = (await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'note', contactId, body: 'with file' } })).json();
    const url = `/api/v1/activities/${note.id}/attachments`;
    const ok = await env().app.inject({ method: 'POST', url, ...withHeaders(multipartBody('pixel.png', PNG), h) });
    expect(ok.statusCode).toBe(201);
    const att = ok.json();
    expect(att).toMatchObject({ filename: 'pixel.png', mime: 'image/png', size: PNG.length });
    const row = await db.selectFrom('attachments').selectAll().where('id', '=', att.id).executeTakeFirstOrThrow();
    expect(row.path).toMatch(new RegExp(`^attachments[/\\\\]\\d{4}[/\\\\]\\d{2}[/\\\\]${att.id}$`));
    const file = path.join(env().config.dataDir, row.path);
    expect(fs.readFileSync(file).equals(PNG)).toBe(true);

    const dl = await env().app.inject({ method: 'GET', url: `${url}/${att.id}`, headers: h });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toContain('attachment;');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');

    const fake = await env().app.inject({ method: 'POST', url, ...withHeaders(multipartBody('photo.png', Buffer.from('<html><script>alert(1)</script>')), h) });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toMatch(/not a \.png file/);
    const exe = await env().app.inject({ method: 'POST', url, ...withHeaders(multipartBody('setup.exe', Buffer.from('MZ\x90\x00')), h) });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toMatch(/\.exe is not allowed/);
    const text = await env().app.inject({ method: 'POST', url, ...withHeaders(multipartBody('ghi chú.txt', Buffer.from('Xin chào, đây là ghi chú')), h) });
    expect(text.statusCode).toBe(201);
    expect(text.json().mime).toBe('text/plain; charset=utf-8');

    await db.insertInto('settings').values({ key: 'attachments.maxBytes', value: '1000', updated_at: nowIso() }).execute();
    try {
      const big = await env().app.inject({ method: 'POST', url, ...withHeaders(multipartBody('big.txt', Buffer.alloc(5000, 'a')), h) });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.message).toMatch(/larger than/);
    } finally {
      await db.deleteFrom('settings').where('key', '=', 'attachments.maxBytes').execute();
    }
    // Nothing of the rejected uploads stays on disk.
    const dir = path.dirname(file);
    expect(fs.readdirSync(dir).sort()).toEqual([att.id, text.json().id].sort());

    const json = await env().app.inject({ method: 'POST', url, headers: h, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);

    const del = await env().app.inject({ method: 'DELETE', url: `${url}/${att.id}`, headers: h });
    expect(del.statusCode).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await env().app.inject({ method: 'GET', url: `${url}/${att.id}`, headers: h })).statusCode).toBe(404);
  });

  it('scopes: a timeline needs read on the contact; writing needs activities create; own-scope edits only own', async () => {
    const { db, h, contactId } = await setup(env());
    const role = await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'own' }, activities: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const user = await createUser(db, { roleId: role.id });
    const uh = await signIn(db, user);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/timeline`, headers: uh })).statusCode).toBe(404);
    const denied = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: uh, payload: { type: 'note', contactId, body: 'x' } });
    expect(denied.statusCode).toBe(400);
    expect(denied.json().error.fields[0].path).toBe('contactId');
    const adminNote = (await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: h, payload: { type: 'note', contactId, body: 'secret' } })).json();
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/activities/${adminNote.id}`, headers: uh })).statusCode).toBe(404);
    expect((await env().app.inject({ method: 'PATCH', url: `/api/v1/activities/${adminNote.id}`, headers: uh, payload: { body: 'hack' } })).statusCode).toBe(404);
    // Once the contact is theirs, they read its timeline (including the admin's note) but still cannot edit that note.
    await env().app.inject({ method: 'PATCH', url: `/api/v1/contacts/${contactId}`, headers: h, payload: { ownerId: user.id } });
    const tl = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/timeline?types=note`, headers: uh });
    expect(tl.statusCode).toBe(200);
    expect(tl.json().data.map((i: TimelineItem) => i.id)).toContain(adminNote.id);
    expect((await env().app.inject({ method: 'PATCH', url: `/api/v1/activities/${adminNote.id}`, headers: uh, payload: { body: 'hack' } })).statusCode).toBe(403);
    const own = await env().app.inject({ method: 'POST', url: '/api/v1/activities', headers: uh, payload: { type: 'call', contactId, direction: 'inbound' } });
    expect(own.statusCode).toBe(201);
    expect((await env().app.inject({ method: 'PATCH', url: `/api/v1/activities/${own.json().id}`, headers: uh, payload: { outcome: 'voicemail' } })).statusCode).toBe(200);
    expect((await env().app.inject({ method: 'DELETE', url: `/api/v1/activities/${own.json().id}`, headers: uh })).statusCode).toBe(403);
  });
});

function withHeaders(m: { payload: Buffer; headers: Record<string, string> }, h: Record<string, string>) {
  return { payload: m.payload, headers: { ...h, ...m.headers } };
}
