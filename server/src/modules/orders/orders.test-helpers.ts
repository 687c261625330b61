/** Helpers of the orders and warranties integration tests: actors, an HTTP client, a customer, a stocked product. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions } = {}): Promise<{ id: string; headers: Record<string, string> }> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id });
  return { id: user.id, headers: await signIn(db, user) };
}

export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: res.body && json ? (res.json() as any) : null, text: res.body }; // eslint-disable-line @typescript-eslint/no-explicit-any
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

/** A company and a contact working there with an email, through the API. */
export async function customer(c: Client, tag: string): Promise<{ companyId: string; contactId: string }> {
  const company = await c.post('/companies', { name: `Công ty ${tag}` });
  const contact = await c.post('/contacts', { givenName: 'Minh', familyName: 'Trần', emails: [{ address: `mua-hang-${tag.toLowerCase()}-${Date.now()}@example.vn` }], companyId: company.body.id });
  if (contact.status !== 201) throw new Error(`contact: ${contact.status} ${contact.text}`);
  return { companyId: company.body.id, contactId: contact.body.id };
}
