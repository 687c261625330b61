import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { modules } from '../index.js';
import { actor, client } from './tickets.test-helpers.js';

/** The `ws` client (a dependency of @fastify/websocket); typed here to what the test uses. */
interface WsClient {
  on(event: 'message', fn: (data: Buffer) => void): void;
  on(event: 'close', fn: (code: number, reason: Buffer) => void): void;
  on(event: 'open', fn: () => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
  on(event: 'unexpected-response', fn: (req: unknown, res: { statusCode: number }) => void): void;
  send(data: string): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, opts?: { headers?: Record<string, string> }) => WsClient;

type Msg = any;

/** A real websocket client collecting JSON messages; `next()` waits for the next one (null after `ms`). */
function connect(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const queue: Msg[] = [];
  const waiters: ((m: Msg) => void)[] = [];
  let rejected: number | null = null;
  let closed = false;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    const w = waiters.shift();
    if (w) w(msg);
    else queue.push(msg);
  });
  ws.on('close', () => { closed = true; for (const w of waiters.splice(0)) w(null); });
  ws.on('unexpected-response', (_req, res) => { rejected = res.statusCode; for (const w of waiters.splice(0)) w(null); });
  ws.on('error', () => undefined);
  const next = (ms = 5000): Promise<Msg> => {
    if (queue.length) return Promise.resolve(queue.shift());
    if (closed || rejected) return Promise.resolve(null);
    return new Promise((resolve) => {
      const t = setTimeout(() => { waiters.splice(waiters.indexOf(done), 1); resolve(null); }, ms);
      const done = (m: Msg) => { clearTimeout(t); resolve(m); };
      waiters.push(done);
    });
  };
  return {
    ws, next, rejected: () => rejected,
    say: (m: unknown) => ws.send(JSON.stringify(m)),
    /** The next presence message about `ticketId` whose list satisfies `ok` (skips older states). */
    async until(ticketId: string, ok: (data: Msg[]) => boolean, ms = 5000): Promise<Msg[] | null> {
      const end = Date.now() + ms;
      for (;;) {
        const m = await next(Math.max(1, end - Date.now()));
        if (!m) return null;
        if (m.type === 'presence' && m.ticketId === ticketId && ok(m.data)) return m.data;
      }
    },
  };
}

describeEachDialect('tickets: presence pushed by websocket', (env) => {
  it('pushes "X is viewing / replying" to the other agent on the ticket within a second, and "left" when a socket closes', async () => {
    const lan = await actor(env(), { admin: true, name: 'Lan' });
    const minh = await actor(env(), { permissions: { tickets: { actions: ['read', 'update'], scope: 'all' } }, name: 'Minh' });
    const outsider = await actor(env(), { permissions: { contacts: { actions: ['read'], scope: 'all' } } });
    const ownOnly = await actor(env(), { permissions: { tickets: { actions: ['read'], scope: 'own' } } });
    const ticket = (await client(env(), lan.headers).post('/tickets', { values: { subject: 'Máy in kẹt giấy' } })).body;
    let app: FastifyInstance | null = null;
    try {
      app = await buildApp(env().ctx, modules);
      await app.listen({ port: 0, host: '127.0.0.1' });
      // One @fastify/websocket scope hosts the notification and the presence sockets: one upgrade listener.
      expect(app.server.listeners('upgrade')).toHaveLength(1);
      const addr = app.server.address();
      const base = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1`;
      const url = `${base}/tickets-presence/ws`;

      const a = connect(url, { cookie: lan.headers.cookie! });
      const b = connect(url, { cookie: minh.headers.cookie! });
      expect(await a.next()).toEqual({ type: 'ready' });
      expect(await b.next()).toEqual({ type: 'ready' });
      a.say({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
      expect(await a.until(ticket.id, () => true)).toEqual([]);

      // Minh opens the ticket: he is answered that Lan is viewing, and Lan is told at once.
      let t0 = Date.now();
      b.say({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
      expect(await b.until(ticket.id, (d) => d.length === 1)).toMatchObject([{ userId: lan.id, name: 'Lan', state: 'viewing' }]);
      expect(await a.until(ticket.id, (d) => d.some((e) => e.userId === minh.id), 1000)).toMatchObject([{ userId: minh.id, name: 'Minh', state: 'viewing' }]);
      expect(Date.now() - t0).toBeLessThan(1000);

      // Minh starts replying: pushed to Lan within a second.
      t0 = Date.now();
      b.say({ type: 'presence', ticketId: ticket.id, state: 'replying' });
      expect(await a.until(ticket.id, (d) => d[0]?.state === 'replying', 1000)).toMatchObject([{ userId: minh.id, state: 'replying' }]);
      expect(Date.now() - t0).toBeLessThan(1000);
      // The HTTP heartbeat (the fallback) sees the same.
      const beat = await app.inject({ method: 'PUT', url: `/api/v1/tickets/${ticket.id}/presence`, headers: lan.headers, payload: { state: 'viewing' } });
      expect(beat.json().data).toMatchObject([{ userId: minh.id, state: 'replying' }]);

      // Minh's tab closes: Lan is told he left.
      b.ws.close();
      expect(await a.until(ticket.id, (d) => d.length === 0, 2000)).toEqual([]);

      // Bad messages name the field; a ticket the caller cannot read answers 404 and is not watched.
      a.say({ type: 'presence', ticketId: ticket.id, state: 'typing' });
      expect(await a.next()).toEqual({ type: 'error', ticketId: ticket.id, field: 'state', status: 400 });
      a.ws.send('not json');
      expect(await a.next()).toEqual({ type: 'error', ticketId: null, field: null, status: 400 });
      const c = connect(url, { cookie: ownOnly.headers.cookie! });
      expect(await c.next()).toEqual({ type: 'ready' });
      c.say({ type: 'presence', ticketId: ticket.id, state: 'viewing' });
      expect(await c.next()).toEqual({ type: 'error', ticketId: ticket.id, field: 'ticketId', status: 404 });
      a.say({ type: 'presence', ticketId: ticket.id, state: 'replying' });
      expect(await a.until(ticket.id, () => true)).toEqual([]);
      expect(await c.next(500)).toBeNull(); // the invisible ticket's changes never reach it

      // Without tickets read, or signed out, no socket; cross-site refused.
      const d = connect(url, { cookie: outsider.headers.cookie! });
      expect(await d.next(2000)).toBeNull();
      expect(d.rejected()).toBe(403);
      const e = connect(url, {});
      expect(await e.next(2000)).toBeNull();
      expect(e.rejected()).toBe(401);
      const f = connect(url, { cookie: lan.headers.cookie!, origin: 'https://evil.example' });
      expect(await f.next(2000)).toBeNull();

      // The notification socket still answers beside it.
      const n = connect(`${base}/notifications/ws`, { cookie: lan.headers.cookie! });
      expect(await n.next()).toEqual({ type: 'ready' });
      for (const s of [a, c, n]) s.ws.close();
    } finally {
      await app?.close();
    }
  });
});
