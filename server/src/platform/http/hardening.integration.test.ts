import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { createUser, signIn } from '../testing/factories.js';
import { createTestEnv, describeEachDialect } from '../testing/harness.js';
import { AppError } from './errors.js';

/** Issue 12, findings 9 and 10 (If-Match), and the 5xx log of finding 7. */
describeEachDialect('http hardening', (env) => {
  let admin: Record<string, string>;

  it('Idempotency-Key: the same body replays, another body with the same key is a 422 and creates nothing', async () => {
    const { app, database } = env();
    admin = await signIn(database.db, await createUser(database.db, { admin: true }));
    const post = (payload: object, key: string) =>
      app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { ...admin, 'idempotency-key': key }, payload });
    const first = await post({ givenName: 'Hoa', familyName: 'Lê' }, 'key-1');
    expect(first.statusCode).toBe(201);
    const again = await post({ familyName: 'Lê', givenName: 'Hoa' }, 'key-1'); // same body, keys in another order
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await post({ givenName: 'Mai', familyName: 'Phạm' }, 'key-1');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('unprocessable');
    expect(other.json().error.fields[0].path).toBe('Idempotency-Key');
    const count = await database.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('If-Match: * is refused (400 naming If-Match) and does not overwrite; a real ETag still works', async () => {
    const { app } = env();
    const created = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: admin, payload: { givenName: 'An' } });
    const id = created.json().id as string;
    const star = await app.inject({ method: 'PATCH', url: `/api/v1/contacts/${id}`, headers: { ...admin, 'if-match': '*' }, payload: { givenName: 'Bình' } });
    expect(star.statusCode).toBe(400);
    expect(star.json().error.fields).toEqual([{ path: 'If-Match', message: 'send the record\'s ETag (like "3"), not *' }]);
    const read = await app.inject({ method: 'GET', url: `/api/v1/contacts/${id}`, headers: admin });
    expect(read.json().givenName).toBe('An');
    const ok = await app.inject({ method: 'PATCH', url: `/api/v1/contacts/${id}`, headers: { ...admin, 'if-match': read.headers.etag as string }, payload: { givenName: 'Bình' } });
    expect(ok.statusCode).toBe(200);
    const stale = await app.inject({ method: 'PATCH', url: `/api/v1/contacts/${id}`, headers: { ...admin, 'if-match': read.headers.etag as string }, payload: { givenName: 'Cường' } });
    expect(stale.statusCode).toBe(412);
  });

  it('/metrics is not served unless configured', async () => {
    expect((await env().app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  it('a 500 is logged with its request id, method and url, and the client gets that id, not internals', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    const log = pino({ level: 'info' }, sink);
    const faulty = {
      name: 'faulty',
      routes: (api: FastifyInstance) => {
        api.get('/boom', { config: { access: 'public' } }, async () => {
          throw new TypeError('secret internals: cannot read properties of undefined');
        });
        api.get('/down', { config: { access: 'public' } }, async () => {
          throw new AppError('unavailable', 'database is restarting');
        });
      },
    };
    const app = await buildApp({ ...env().ctx, log }, [faulty]);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/boom?x=1' });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('internal');
      expect(res.body).not.toContain('secret internals');
      const reqId = /request (\S+)\)/.exec(res.json().error.message)?.[1];
      expect(reqId).toBeTruthy();
      const line = lines.find((l) => l.reqId === reqId);
      expect(line).toMatchObject({ level: 50, method: 'GET', url: '/api/v1/boom?x=1', msg: 'unhandled error' });
      expect(JSON.stringify(line)).toContain('secret internals');
      const down = await app.inject({ method: 'GET', url: '/api/v1/down' });
      expect(down.statusCode).toBe(503);
      expect(lines.some((l) => l.url === '/api/v1/down' && l.level === 50)).toBe(true);
    } finally {
      await app.close();
    }
  });
});

const TOKEN = 'metrics-token-for-tests-0123456789';

describeEachDialect('metrics behind a token', (env) => {
  it('answers 401 without the token or with a wrong one (an API key is not it), 200 with it', async () => {
    const { app, database } = env();
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(none.json().error.code).toBe('unauthenticated');
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const session = await signIn(database.db, await createUser(database.db, { admin: true }));
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: session })).statusCode).toBe(401);
    const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('kith_http_request_duration_seconds');
  });
}, { metricsToken: TOKEN });

describe('metrics on a separate port', () => {
  it('serves /metrics on KITH_METRICS_PORT (127.0.0.1) and not on the app port; closes with the app', async () => {
    const env = await createTestEnv('sqlite', { metricsPort: 0 });
    try {
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      const appPort = (env.app.server.address() as { port: number }).port;
      const address = env.app.metricsServer?.address() as { port: number; address: string };
      expect(address.address).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${appPort}/metrics`)).status).toBe(404);
      await fetch(`http://127.0.0.1:${appPort}/api/health`);
      const res = await fetch(`http://127.0.0.1:${address.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/kith_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} 1/);
      expect((await fetch(`http://127.0.0.1:${address.port}/other`)).status).toBe(404);
    } finally {
      await env.app.close();
      await env.database.close();
    }
    expect(env.app.metricsServer?.listening).toBe(false);
  });
});
