import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { modules } from '../index.js';
import { notify } from './index.js';

/** The `ws` client (a dependency of @fastify/websocket); typed here to what the test uses. */
interface WsClient {
  on(event: 'message', fn: (data: Buffer) => void): void;
  on(event: 'close', fn: (code: number, reason: Buffer) => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
  on(event: 'unexpected-response', fn: (req: unknown, res: { statusCode: number }) => void): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, opts?: { headers?: Record<string, string> }) => WsClient;

/** Opens a socket and collects its JSON messages; `next()` waits for the next one (or null after `ms`). */
function connect(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const queue: unknown[] = [];
  const waiters: ((m: unknown) => void)[] = [];
  let closed: { code: number; reason: string } | null = null;
  let rejected: number | null = null;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    const w = waiters.shift();
    if (w) w(msg);
    else queue.push(msg);
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    for (const w of waiters.splice(0)) w(null);
  });
  ws.on('unexpected-response', (_req, res) => {
    rejected = res.statusCode;
    for (const w of waiters.splice(0)) w(null);
  });
  ws.on('error', () => undefined);
  return {
    ws,
    closed: () => closed,
    rejected: () => rejected,
    next(ms = 5000): Promise<unknown> {
      if (queue.length) return Promise.resolve(queue.shift());
      if (closed || rejected) return Promise.resolve(null);
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(done), 1);
          resolve(null);
        }, ms);
        const done = (m: unknown) => {
          clearTimeout(t);
          resolve(m);
        };
        waiters.push(done);
      });
    },
  };
}

describeEachDialect('notifications', (env) => {
  it('lists, counts and marks read only the caller’s own notifications', async () => {
    const { db } = env().database;
    const alice = await createUser(db);
    const bob = await createUser(db);
    const headers = await signIn(db, alice);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await notify(db, alice.id, { type: 'test.ping', title: `Ping ${n}`, body: n === 1 ? 'first' : null, link: `/x/${n}` }));
    const bobs = await env().ctx.services.notifications.notify(db, bob.id, { type: 'test.ping', title: 'For Bob' });

    const list = await env().app.inject({ method: 'GET', url: '/api/v1/notifications', headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((n: { title: string }) => n.title)).toEqual(['Ping 3', 'Ping 2', 'Ping 1']);
    expect(list.json().data[2]).toEqual({ id: ids[0], type: 'test.ping', title: 'Ping 1', body: 'first', link: '/x/1', readAt: null, createdAt: expect.any(String) });
    const page1 = await env().app.inject({ method: 'GET', url: '/api/v1/notifications?limit=2', headers });
    const page2 = await env().app.inject({ method: 'GET', url: `/api/v1/notifications?limit=2&cursor=${page1.json().nextCursor}`, headers });
    expect(page2.json()).toEqual({ data: [expect.objectContaining({ title: 'Ping 1' })], nextCursor: null });

    const count = () => env().app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers }).then((r) => r.json());
    expect(await count()).toEqual({ count: 3 });
    const read = await env().app.inject({ method: 'POST', url: `/api/v1/notifications/${ids[1]}/read`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: ids[1], readAt: expect.any(String) });
    expect(await count()).toEqual({ count: 2 });
    const unread = await env().app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers });
    expect(unread.json().data.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[0]]);

    const foreign = await env().app.inject({ method: 'POST', url: `/api/v1/notifications/${bobs}/read`, headers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    expect((await db.selectFrom('notifications').select('read_at').where('id', '=', bobs).executeTakeFirstOrThrow()).read_at).toBeNull();

    const all = await env().app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers });
    expect(all.json()).toEqual({ updated: 2 });
    expect(await count()).toEqual({ count: 0 });
    const bobCount = await env().app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: await signIn(db, bob) });
    expect(bobCount.json()).toEqual({ count: 1 });
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    const noCsrf = await env().app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: headers.cookie! } });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('a notification posted in a rolled-back transaction does not exist', async () => {
    const { db } = env().database;
    const user = await createUser(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await notify(trx, user.id, { type: 'test.tx', title: 'Never' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.selectFrom('notifications').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('pushes committed notifications over the websocket, to their owner only', async () => {
    const { db } = env().database;
    const alice = await createUser(db);
    const bob = await createUser(db);
    let app: FastifyInstance | null = null;
    try {
      app = await buildApp(env().ctx, modules);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      const url = `ws://127.0.0.1:${port}/api/v1/notifications/ws`;
      const aliceHeaders = await signIn(db, alice);
      const a = connect(url, { cookie: aliceHeaders.cookie! });
      const b = connect(url, { cookie: (await signIn(db, bob)).cookie! });
      expect(await a.next()).toEqual({ type: 'ready' });
      expect(await b.next()).toEqual({ type: 'ready' });

      // Inside an open transaction nothing is pushed; the commit releases it.
      let id = '';
      let duringTx: unknown = 'not checked';
      await db.transaction().execute(async (trx) => {
        id = await notify(trx, alice.id, { type: 'test.push', title: 'Hello Alice', link: '/home' });
        if (env().dialect === 'postgres') duringTx = await a.next(300); // on SQLite the reader waits for this very transaction
      });
      if (env().dialect === 'postgres') expect(duringTx).toBeNull();
      expect(await a.next()).toEqual({
        type: 'notification',
        notification: { id, type: 'test.push', title: 'Hello Alice', body: null, link: '/home', readAt: null, createdAt: expect.any(String) },
      });

      // A rolled-back one is never pushed; the next committed one is.
      await db.transaction().execute(async (trx) => {
        await notify(trx, alice.id, { type: 'test.push', title: 'Rolled back' });
        throw new Error('rollback');
      }).catch(() => undefined);
      await notify(db, alice.id, { type: 'test.push', title: 'Second' });
      expect(await a.next()).toMatchObject({ type: 'notification', notification: { title: 'Second' } });
      expect(await b.next(300)).toBeNull(); // Bob saw none of Alice's

      const anonymous = connect(url, {});
      expect(await anonymous.next(2000)).toBeNull();
      expect(anonymous.rejected()).toBe(401);
      const crossSite = connect(url, { cookie: aliceHeaders.cookie!, origin: 'https://evil.example' });
      expect(await crossSite.next(2000)).toBeNull();
      expect(crossSite.closed()?.code).toBe(1008);
      // Only websocket routes upgrade: any other path (a route or none) is refused with a 404 and closed.
      for (const path of ['/api/health', '/api/v1/notifications', '/nowhere']) {
        const stray = connect(`ws://127.0.0.1:${port}${path}`, { cookie: aliceHeaders.cookie! });
        expect(await stray.next(2000)).toBeNull();
        expect(stray.rejected()).toBe(404);
      }
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
      a.ws.close();
      b.ws.close();
    } finally {
      await app?.close();
    }
  });
});
