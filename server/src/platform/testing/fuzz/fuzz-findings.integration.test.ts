/**
 * Each 5xx or malformed 4xx the API fuzzer found, pinned as a plain request, so a regression fails
 * with its own name even if the fuzzer's seed stops generating it.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { createRole, createUser, signIn } from '../factories.js';
import { conventionViolation } from './openapi-fuzz.js';

describeEachDialect('API fuzzer findings', (env) => {
  let headers: Record<string, string> | undefined;
  const admin = async () => {
    const { database } = env();
    headers ??= await signIn(database.db, await createUser(database.db, { roleId: (await createRole(database.db, { isAdmin: true })).id }));
    return headers;
  };
  const send = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await env().app.inject({ method, url, headers: await admin(), payload });
    expect(conventionViolation(res.statusCode, res.headers['content-type'] as string, res.body), res.body).toBeNull();
    return { status: res.statusCode, error: (res.json() as { error: { code: string; message: string; fields?: { path: string }[] } }).error };
  };

  it('answers a path parameter over 100 characters with a 414 in the error shape, without echoing it', async () => {
    const r = await send('GET', `/api/v1/contacts/${'x'.repeat(5_000)}`);
    expect(r.status).toBe(414);
    expect(r.error.code).toBe('bad_request');
    expect(r.error.message).not.toContain('xxxx');
  });

  it('answers a URL that is not valid UTF-8 with a 400 in the error shape', async () => {
    const r = await send('GET', '/api/v1/contacts/%ED%A0%80');
    expect(r.status).toBe(400);
    expect(r.error.message).toMatch(/URL/);
  });

  // PostgreSQL text cannot hold U+0000: each of these was a 500 there (and stored on SQLite).
  it.each([
    ['GET', '/api/v1/audit?entity=%00', 'entity'],
    ['GET', '/api/v1/contacts?q=a%00b', 'q'],
    ['GET', '/api/v1/search?q=a%00b', 'q'],
    ['GET', '/api/v1/contacts/%00', 'id'],
    ['GET', '/api/v1/users?q=%00', 'q'],
    ['GET', `/api/v1/contacts?filter=${encodeURIComponent('[{"field":"givenName","op":"is","value":"\u0000"}]')}`, 'filter'],
    ['POST', '/api/v1/contacts', 'emails.0.label', { givenName: 'A', emails: [{ address: 'a@example.test', label: 'x\u0000' }] }],
    ['POST', '/api/v1/teams', 'name', { name: 'a\u0000b' }],
  ] as const)('refuses a NUL character in %s %s with a 400 naming %s', async (method, url, field, body?: object) => {
    const r = await send(method, url, body);
    expect(r.status).toBe(400);
    expect(r.error.fields?.[0]?.path).toBe(field);
  });

  it('still accepts an escaped backslash followed by u0000 (not a NUL)', async () => {
    const r = await send('POST', '/api/v1/teams', { name: 'C:\\u0000 team' });
    expect(r.status).toBe(201);
  });

  it('refuses JSON nested deeper than 32 levels with a 400 naming body (an Idempotency-Key hash overflowed the stack: 500)', async () => {
    const { app } = env();
    for (const payload of ['['.repeat(200_000) + ']'.repeat(200_000), '{"a":'.repeat(33) + '1' + '}'.repeat(33)]) {
      const res = await app.inject({
        method: 'POST', url: '/api/v1/roles', headers: { ...(await admin()), 'content-type': 'application/json', 'idempotency-key': 'deep-1' }, payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('body');
    }
  });

  // Field names were looked up on a plain object: Object.prototype's members passed as fields (500).
  it.each(['__proto__', 'constructor', 'toString'])('refuses the filter and sort field %s as unknown (400), on lists, counts and exports', async (field) => {
    const filter = encodeURIComponent(JSON.stringify([{ field, op: 'is', value: 'x' }]));
    for (const url of [`/api/v1/contacts?filter=${filter}`, `/api/v1/contacts/count?filter=${filter}`, `/api/v1/contacts/export?format=csv&filter=${filter}`, `/api/v1/companies?filter=${filter}`]) {
      const r = await send('GET', url);
      expect(r.status, url).toBe(400);
      expect(r.error.fields?.[0]?.path).toBe('filter.0.field');
    }
    const sorted = await send('GET', `/api/v1/contacts?sort=${field}`);
    expect(sorted.status).toBe(400);
  });

  it('refuses a team view for a team that does not exist with a 400 naming teamId (was a foreign-key 500)', async () => {
    const body = { entity: 'contact', name: 'Mine', filters: [], columns: [], visibility: 'team', teamId: 'IlwiIg' };
    const r = await send('POST', '/api/v1/views', body);
    expect(r.status).toBe(400);
    expect(r.error.fields?.[0]?.path).toBe('teamId');
  });
});
