/**
 * Issue 11 item 6: a column with no natural target ("Ghi chú", "Notes") maps to `note`: each imported record gets
 * one note activity with the cell's text, authored by the importer, written in the batch's transaction, shown on
 * the record's timeline and deleted again when the import is reverted (on updated records too).
 */
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { importFile } from './imports.test-helpers.js';

describeEachDialect('imports: the note target', (env) => {
  let vi: Record<string, string>;
  let userId: string;
  beforeAll(async () => {
    const db = env().database.db;
    const u = await createUser(db, { admin: true, locale: 'vi' });
    userId = u.id;
    vi = await signIn(db, u);
  });

  const notesOf = (field: 'contact_id' | 'company_id', id: string) =>
    env().database.db.selectFrom('activities').select(['id', 'type', 'body', 'created_by', 'owner_id', 'deleted_at']).where(field, '=', id).orderBy('id').execute();
  const contactByEmail = (email: string) =>
    env().database.db.selectFrom('contacts').select(['id', 'job_title', 'deleted_at']).where('primary_email', '=', email).executeTakeFirstOrThrow();
  const revert = async (id: string) => {
    expect((await env().app.inject({ method: 'POST', url: `/api/v1/imports/${id}/revert`, headers: vi })).statusCode).toBe(202);
    await env().ctx.services.jobs.runOnce();
  };

  it('contacts: "Ghi chú" is suggested as note; one note per contact, on its timeline; revert deletes the notes', async () => {
    const e = env();
    const file = Buffer.from('Họ và tên,Email,Ghi chú\nNguyễn Văn An,an@note.vn,"Gọi lại <thứ 2>\n\nKhách VIP"\nTrần Bình,binh@note.vn,\nLê Cường,cuong@note.vn,Thích trà\n');
    const run = await importFile(e, vi, 'kh.csv', file, { validate: true });
    expect(run.created.suggestedMapping).toMatchObject({ 'Ghi chú': 'note' });
    expect(run.status).toMatchObject({ status: 'completed', created: 3, failed: 0, warnings: 0 });
    const an = await contactByEmail('an@note.vn');
    expect(await notesOf('contact_id', an.id)).toEqual([
      { id: expect.any(String), type: 'note', body: '<p>Gọi lại &lt;thứ 2&gt;</p><p>Khách VIP</p>', created_by: userId, owner_id: userId, deleted_at: null },
    ]);
    expect(await notesOf('contact_id', (await contactByEmail('binh@note.vn')).id)).toEqual([]);
    const timeline = (await e.app.inject({ method: 'GET', url: `/api/v1/contacts/${an.id}/timeline?types=note`, headers: vi })).json();
    expect(timeline.data).toHaveLength(1);
    expect(JSON.stringify(timeline.data[0])).toContain('Khách VIP');

    // The same people again with "update" and another note: the updated contact gets a second note; revert removes it.
    const again = await importFile(e, vi, 'kh2.csv', Buffer.from('Họ và tên,Email,Chức vụ,Ghi chú\nLê Cường,cuong@note.vn,Kế toán,Đã gặp ở hội chợ\n'), { onDuplicate: 'update' });
    expect(again.status).toMatchObject({ created: 0, updated: 1 });
    const cuong = await contactByEmail('cuong@note.vn');
    expect((await notesOf('contact_id', cuong.id)).map((n) => n.body)).toEqual(['<p>Thích trà</p>', '<p>Đã gặp ở hội chợ</p>']);
    await revert(again.id);
    expect(await contactByEmail('cuong@note.vn')).toMatchObject({ job_title: null, deleted_at: null });
    expect((await notesOf('contact_id', cuong.id)).map((n) => [n.body, n.deleted_at === null])).toEqual([['<p>Thích trà</p>', true], ['<p>Đã gặp ở hội chợ</p>', false]]);
    await revert(run.id);
    expect((await notesOf('contact_id', an.id)).every((n) => n.deleted_at !== null)).toBe(true);
    expect((await contactByEmail('an@note.vn')).deleted_at).not.toBeNull();
  });

  it('companies: several note columns make one note per company, each paragraph headed by its column; rows merged in the file keep both', async () => {
    const e = env();
    const file = Buffer.from('Company Name,Website,Notes,Comments\nSao Mai,saomai.vn,Nhà phân phối miền Trung,Hạn mức 50 triệu\nSao Mai JSC,saomai.vn,Đổi địa chỉ 2026,\nKhông Ghi Chú,khong.vn,,\n');
    const run = await importFile(e, vi, 'cty.csv', file, { entity: 'company' });
    expect(run.created.suggestedMapping).toMatchObject({ Notes: 'note', Comments: 'note' });
    expect(run.status).toMatchObject({ status: 'completed', created: 2, merged: 1 });
    const db = e.database.db;
    const saoMai = await db.selectFrom('companies').select('id').where('name', '=', 'Sao Mai').executeTakeFirstOrThrow();
    expect((await notesOf('company_id', saoMai.id)).map((n) => n.body)).toEqual([
      '<p>Notes: Nhà phân phối miền Trung</p><p>Comments: Hạn mức 50 triệu</p><p>Notes: Đổi địa chỉ 2026</p>',
    ]);
    const none = await db.selectFrom('companies').select('id').where('name', '=', 'Không Ghi Chú').executeTakeFirstOrThrow();
    expect(await notesOf('company_id', none.id)).toEqual([]);
    const timeline = (await e.app.inject({ method: 'GET', url: `/api/v1/companies/${saoMai.id}/timeline?types=note`, headers: vi })).json();
    expect(timeline.data).toHaveLength(1);
    await revert(run.id);
    expect((await notesOf('company_id', saoMai.id)).every((n) => n.deleted_at !== null)).toBe(true);
  });

  it('a mapping may name note for either entity; a note alone names no one', async () => {
    const e = env();
    const run = await importFile(e, vi, 'x.csv', Buffer.from('Email,Notes\n,chỉ có ghi chú\n'), { mapping: { Email: 'email', Notes: 'note' } });
    expect(run.status).toMatchObject({ created: 0, failed: 1 });
  });
});
