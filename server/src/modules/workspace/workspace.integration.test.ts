import { expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { workspaceLogo, workspaceSettings } from './index.js';

/** A multipart/form-data body with one file field. */
function multipart(filename: string, content: Buffer, headers: Record<string, string>) {
  const boundary = '----kithws' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);

const valid = {
  companyName: 'Công ty TNHH Hoa Sen', address: '12 Lê Lợi, Quận 1, TP. Hồ Chí Minh', defaultCurrency: 'usd', timeZone: 'Europe/Berlin',
  dateFormat: 'yyyy-mm-dd', numberFormat: '1,234.5', workingWeek: { days: [1, 2, 3, 4, 5, 6], start: '08:30', end: '17:00' }, defaultLanguage: 'en',
};

describeEachDialect('workspace settings', (env) => {
  it('reads defaults, lets an admin replace them (audited), and every signed-in user read them', async () => {
    const { db } = env().database;
    const admin = await createUser(db, { admin: true });
    const rep = await createUser(db);
    const a = await signIn(db, admin);
    const r = await signIn(db, rep);
    const get = (h: Record<string, string>) => env().app.inject({ method: 'GET', url: '/api/v1/settings/workspace', headers: h });

    const first = await get(r);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      companyName: '', address: '', defaultCurrency: 'VND', timeZone: 'Asia/Ho_Chi_Minh', dateFormat: 'dd/mm/yyyy', numberFormat: '1.234,5',
      workingWeek: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:30' }, defaultLanguage: 'en', logo: null, updatedAt: null, version: 0,
    });
    expect(first.headers.etag).toBe('"0"');
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/settings/workspace' })).statusCode).toBe(401);

    const put = await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace', headers: { ...a, 'if-match': '"0"' }, payload: valid });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ ...valid, defaultCurrency: 'USD', updatedAt: expect.any(String), version: 1 });
    expect(put.headers.etag).toBe('"1"');
    // A form loaded before that save cannot overwrite it.
    const stale = await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace', headers: { ...a, 'if-match': '"0"' }, payload: { ...valid, companyName: 'Stale' } });
    expect(stale.statusCode).toBe(412);
    expect((await get(r)).json()).toMatchObject({ companyName: 'Công ty TNHH Hoa Sen', defaultCurrency: 'USD', timeZone: 'Europe/Berlin' });
    // Other modules read them through index.ts.
    expect(await workspaceSettings(db)).toMatchObject({ companyName: 'Công ty TNHH Hoa Sen', dateFormat: 'yyyy-mm-dd', workingWeek: { start: '08:30' } });

    const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'setting').where('entity_id', '=', 'workspace.settings').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', actor_id: admin.id });
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ companyName: '', defaultCurrency: 'VND' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ companyName: 'Công ty TNHH Hoa Sen', defaultCurrency: 'USD' });

    const byRep = await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace', headers: r, payload: valid });
    expect(byRep.statusCode).toBe(403);

    // New users start in the workspace's default language unless they are given one.
    await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace', headers: a, payload: { ...valid, defaultLanguage: 'vi' } });
    const newUser = (locale?: string) => env().app.inject({
      method: 'POST', url: '/api/v1/users', headers: a,
      payload: { name: 'Ngọc Anh', email: `ngoc.${locale ?? 'none'}.${env().dialect}@example.test`, password: 'a long enough passphrase 42', roleId: admin.role_id, ...(locale ? { locale } : {}) },
    });
    const vi = await newUser();
    expect(vi.statusCode, vi.body).toBe(201);
    expect(vi.json().locale).toBe('vi');
    expect((await newUser('en')).json().locale).toBe('en');
  });

  it('answers 400 naming the field for each bad value', async () => {
    const { db } = env().database;
    const a = await signIn(db, await createUser(db, { admin: true }));
    const cases: [Record<string, unknown>, string][] = [
      [{ defaultCurrency: 'XYZ' }, 'defaultCurrency'],
      [{ defaultCurrency: 'dong' }, 'defaultCurrency'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: '+07:00' }, 'timeZone'],
      [{ dateFormat: 'dd.mm.yyyy' }, 'dateFormat'],
      [{ numberFormat: '1 234,5' }, 'numberFormat'],
      [{ workingWeek: { days: [1, 8], start: '08:00', end: '17:00' } }, 'workingWeek.days.1'],
      [{ workingWeek: { days: [1, 1], start: '08:00', end: '17:00' } }, 'workingWeek.days'],
      [{ workingWeek: { days: [], start: '08:00', end: '17:00' } }, 'workingWeek.days'],
      [{ workingWeek: { days: [1], start: '18:00', end: '17:00' } }, 'workingWeek.end'],
      [{ workingWeek: { days: [1], start: '8am', end: '17:00' } }, 'workingWeek.start'],
      [{ defaultLanguage: 'fr' }, 'defaultLanguage'],
      [{ companyName: 'x'.repeat(121) }, 'companyName'],
      [{ extra: true }, ''],
    ];
    for (const [change, path] of cases) {
      const res = await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace', headers: a, payload: { ...valid, ...change } });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      const fields = (res.json().error.fields ?? []) as { path: string }[];
      if (path) expect(fields.map((f) => f.path), JSON.stringify(change)).toContain(path);
    }
    const missing = await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace', headers: a, payload: { ...valid, timeZone: undefined } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { path: string }) => f.path)).toContain('timeZone');
  });

  it('takes a PNG or JPEG logo up to 1 MiB by its content, serves it with nosniff, and refuses SVG and fakes', async () => {
    const { db } = env().database;
    const admin = await createUser(db, { admin: true });
    const a = await signIn(db, admin);
    const r = await signIn(db, await createUser(db));
    const upload = (name: string, bytes: Buffer, h = a) => env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace/logo', ...multipart(name, bytes, h) });

    const ok = await upload('logo.png', PNG);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().logo).toEqual({ url: expect.stringMatching(/^\/api\/v1\/settings\/workspace\/logo\?v=[0-9a-f]{12}$/), mime: 'image/png', size: PNG.length });
    const served = await env().app.inject({ method: 'GET', url: ok.json().logo.url, headers: r });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    expect((await workspaceLogo(db))?.bytes.equals(PNG)).toBe(true);

    // A JPEG named .png is a JPEG: the type comes from the bytes.
    const jpeg = await upload('photo.png', JPEG);
    expect(jpeg.statusCode).toBe(200);
    expect(jpeg.json().logo.mime).toBe('image/jpeg');
    expect(jpeg.json().logo.url).not.toBe(ok.json().logo.url);

    const svg = await upload('logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.statusCode).toBe(415);
    expect(svg.json().error.fields).toEqual([{ path: 'file', message: expect.any(String) }]);
    expect((await upload('fake.png', Buffer.from('<html>hi</html>'))).statusCode).toBe(415);
    const big = await upload('big.png', Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.fields[0].path).toBe('file');
    const exactly = await upload('max.png', Buffer.concat([PNG, Buffer.alloc(1024 * 1024 - PNG.length)]));
    expect(exactly.statusCode).toBe(200);
    expect((await upload('logo.png', PNG, r)).statusCode).toBe(403);
    const notMultipart = await env().app.inject({ method: 'PUT', url: '/api/v1/settings/workspace/logo', headers: { ...a, 'content-type': 'application/json' }, payload: '{}' });
    expect(notMultipart.statusCode).toBe(415);
    // The last good upload is what is stored.
    expect((await workspaceLogo(db))?.bytes.length).toBe(1024 * 1024);

    const audit = await db.selectFrom('audit_log').select(['action']).where('entity_id', '=', 'workspace.logo').orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual(['update', 'update', 'update']);
    const removed = await env().app.inject({ method: 'DELETE', url: '/api/v1/settings/workspace/logo', headers: a });
    expect(removed.json().logo).toBeNull();
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/settings/workspace/logo', headers: r })).statusCode).toBe(404);
  });
});
