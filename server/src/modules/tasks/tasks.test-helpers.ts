/** Helpers of the tasks module's integration tests: signed-in actors and an HTTP client over the app's inject. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

export interface Actor { id: string; teamId: string | null; headers: Record<string, string> }

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions; teamId?: string | null } = {}): Promise<Actor> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id, teamId: o.teamId ?? null });
  return { id: user.id, teamId: o.teamId ?? null, headers: await signIn(db, user) };
}

export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const res = await env.app.inject({ method, url: url.startsWith('/api/') ? url : `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: res.body && json ? (res.json() as any) : null, text: res.body, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body: unknown, extra?: Record<string, string>) => call('POST', url, body, extra),
    put: (url: string, body: unknown, extra?: Record<string, string>) => call('PUT', url, body, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    del: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}
