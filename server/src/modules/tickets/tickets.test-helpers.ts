/** Helpers of the tickets module's integration tests: actors, an HTTP client over the app's inject, public captures. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

export interface Actor { id: string; teamId: string | null; headers: Record<string, string> }

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions; teamId?: string | null; name?: string } = {}): Promise<Actor> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id, teamId: o.teamId ?? null, name: o.name });
  return { id: user.id, teamId: o.teamId ?? null, headers: await signIn(db, user) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: (res.body && json ? res.json() : null) as Json, headers: res.headers };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown) => call('POST', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    put: (url: string, body: unknown) => call('PUT', url, body),
    del: (url: string) => call('DELETE', url),
  };
}

export const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));
/** The list URL of the tickets of one requester (contact id). */
export const byRequester = (contactId: string) => `/tickets?filter=${q([{ field: 'requester', op: 'eq', value: contactId }])}`;

let ipSeq = 0;
/** A public POST /public/tickets from its own IP address (the form limit is per IP) unless `ip` is given. */
export async function submit(env: TestEnv, payload: unknown, o: { ip?: string; headers?: Record<string, string> } = {}) {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/public/tickets', payload: payload as object, remoteAddress: o.ip ?? `10.9.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`, headers: o.headers ?? {} });
  return { status: res.statusCode, body: res.json() as Json, headers: res.headers };
}
