import { expect, it } from 'vitest';
import { createUser, signIn } from '../testing/factories.js';
import { describeEachDialect } from '../testing/harness.js';
import { CURSOR_KEY_SETTING, loadCursorKey } from './cursors.js';
import { encodeCursor } from './pagination.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Cursors an attacker can make without the server's key: garbage, hand-made payloads, hostile values. */
const FORGED = [
  'garbage!!',
  '.',
  encodeCursor(['Nguyen', '0193']), // the old unsigned format
  b64([{ a: 1 }, 'x']), // an object where a sort value goes (was a 500 on SQLite: cannot bind)
  b64(['x', 'y']) + '.' + Buffer.alloc(16).toString('base64url'),
  b64([1e308, [1]]) + '.AAAA',
  'x'.repeat(1999),
];

describeEachDialect('list cursors', (env) => {
  let admin: Record<string, string>;
  const ids: Record<string, string> = {};

  it('every list route is guarded, and a forged cursor is a 400 naming cursor on each (never a 500)', async () => {
    const { app, database } = env();
    const user = await createUser(database.db, { admin: true });
    admin = await signIn(database.db, user);
    const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: admin, payload: { givenName: 'Lan', familyName: 'Trần' } });
    expect(contact.statusCode).toBe(201);
    const company = await app.inject({ method: 'POST', url: '/api/v1/companies', headers: admin, payload: { name: 'Công ty Ánh Dương' } });
    expect(company.statusCode).toBe(201);
    ids.contact = contact.json().id;
    ids.company = company.json().id;
    ids.user = user.id;

    const routes = (app.cursorRoutes ?? []).filter((r) => r.startsWith('GET ')).map((r) => r.slice(4));
    // The lists the penetration test named, and whatever list exists beside them.
    for (const name of ['/users', '/teams', '/roles', '/contacts', '/companies', '/activities', '/duplicates', '/imports', '/contacts/:id/timeline']) {
      expect(routes).toContain(`/api/v1${name}`);
    }
    for (const route of routes) {
      const url = route.replace(/:(\w+)/g, (_m, p: string) => (route.includes('compan') ? ids.company! : p === 'id' ? ids.contact! : 'kith_probe'));
      for (const cursor of FORGED) {
        const res = await app.inject({ method: 'GET', url, query: { cursor }, headers: admin });
        expect(res.statusCode, `${url} cursor=${cursor.slice(0, 40)} → ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
        expect(res.json().error.fields).toEqual([{ path: 'cursor', message: 'invalid cursor' }]);
      }
    }
  });

  it('a real cursor pages on; the same cursor on another list, another query or altered is refused', async () => {
    const { app, database } = env();
    for (let i = 0; i < 3; i++) await createUser(database.db, { name: `Người dùng ${i}` });
    const first = await app.inject({ method: 'GET', url: '/api/v1/users', query: { limit: '1' }, headers: admin });
    const next = first.json().nextCursor as string;
    expect(next).toMatch(/^[\w-]+\.[\w-]+$/);
    const second = await app.inject({ method: 'GET', url: '/api/v1/users', query: { limit: '1', cursor: next }, headers: admin });
    expect(second.statusCode).toBe(200);
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id);
    // `limit` may change between pages; the list and its filters may not.
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', query: { limit: '5', cursor: next }, headers: admin })).statusCode).toBe(200);
    const elsewhere: { url: string; query: Record<string, string> }[] = [
      { url: '/api/v1/teams', query: { cursor: next } },
      { url: '/api/v1/activities', query: { cursor: next } },
      { url: '/api/v1/duplicates', query: { cursor: next } },
      { url: `/api/v1/contacts/${ids.contact}/timeline`, query: { cursor: next } },
      { url: '/api/v1/users', query: { cursor: next, q: 'x' } },
    ];
    for (const e of elsewhere) {
      const res = await app.inject({ method: 'GET', url: e.url, query: e.query, headers: admin });
      expect(res.statusCode, `${e.url} ${res.body}`).toBe(400);
      expect(res.json().error.fields[0].path).toBe('cursor');
    }
    const [payload, mac] = next.split('.') as [string, string];
    const values = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
    const altered = `${b64([{ evil: true }, ...values.slice(1)])}.${mac}`;
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', query: { cursor: altered }, headers: admin })).statusCode).toBe(400);
  });

  it('the key lives in the database: every node (and a restart) signs with the same one', async () => {
    const { database } = env();
    const a = await loadCursorKey(database);
    const b = await loadCursorKey(database);
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(32);
    const rows = await database.db.selectFrom('settings').select('key').where('key', '=', CURSOR_KEY_SETTING).execute();
    expect(rows).toHaveLength(1);
  });
});
