/** Shared helpers of this module's integration tests. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

export interface Actor { id: string; teamId: string | null; headers: Record<string, string> }

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions; teamId?: string | null; maxClassification?: 'public' | 'internal' | 'confidential' | 'restricted'; locale?: string } = {}): Promise<Actor> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {}, maxClassification: o.maxClassification });
  const user = await createUser(db, { roleId: role.id, teamId: o.teamId ?? null, locale: o.locale });
  return { id: user.id, teamId: o.teamId ?? null, headers: await signIn(db, user) };
}

const ALL = ['read', 'create', 'update', 'delete'] as const;
export const grant = (scope: 'own' | 'team' | 'all', actions: readonly ('read' | 'create' | 'update' | 'delete')[] = ALL): Permissions => ({
  contacts: { actions: [...actions], scope },
  companies: { actions: [...actions], scope },
});

export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? (res.json() as any) : null, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body: unknown, extra?: Record<string, string>) => call('POST', url, body, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    put: (url: string, body: unknown) => call('PUT', url, body),
    del: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}

export const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));
