/** Helpers of the products module's integration tests: actors and an HTTP client over the app's inject. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

export interface Actor { id: string; headers: Record<string, string> }

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions; name?: string } = {}): Promise<Actor> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id, teamId: null, name: o.name });
  return { id: user.id, headers: await signIn(db, user) };
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
export type Client = ReturnType<typeof client>;

let seq = 0;
/** A unique SKU for a test's product. */
export const sku = (prefix = 'T') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`.toUpperCase();
/** Money in VND. */
export const vnd = (amount: number) => ({ amount, currency: 'VND' });
/** Creates a product through the API; returns its id. */
export async function product(c: Client, values: Record<string, unknown> = {}): Promise<string> {
  const r = await c.post('/products', { values: { sku: sku(), name: 'Test product', price: vnd(100_000), ...values } });
  if (r.status !== 201) throw new Error(`product: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}
