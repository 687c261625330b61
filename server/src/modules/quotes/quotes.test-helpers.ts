/** Helpers of the quotes and contracts integration tests: a customer (company + contact with email), a deal with lines. */
import type { Permissions } from '../../platform/auth/principal.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import type { TestEnv } from '../../platform/testing/harness.js';

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions } = {}): Promise<{ id: string; headers: Record<string, string> }> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id, teamId: null });
  return { id: user.id, headers: await signIn(db, user) };
}

/** JSON over the app's inject, as a browser or API client calls it. */
export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: res.body && json ? (res.json() as any) : null, text: res.body }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body: unknown, extra?: Record<string, string>) => call('POST', url, body, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    put: (url: string, body: unknown, extra?: Record<string, string>) => call('PUT', url, body, extra),
    del: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}
export type Client = ReturnType<typeof client>;

export const put = (env: TestEnv, headers: Record<string, string>, url: string, payload: unknown) => client(env, headers).put(url, payload);

async function createDeal(c: Client, values: Record<string, unknown>) {
  const res = await c.post('/deals', { values });
  if (res.status !== 201) throw new Error(`deal not created: ${res.status} ${res.text}`);
  return res.body as { id: string; values: Record<string, unknown> };
}

/** A company with an address and a contact with an email, through the API. */
export async function customer(c: Client, email = 'huong@example.vn') {
  const company = await c.post('/companies', { name: 'Công ty TNHH Ánh Dương', addresses: [{ street: '12 Lý Thường Kiệt', city: 'Hà Nội', country: 'VN' }] });
  if (company.status !== 201) throw new Error(`company: ${company.status} ${company.text}`);
  const contact = await c.post('/contacts', { givenName: 'Hương', familyName: 'Nguyễn Thị', emails: [{ address: email }], companyId: company.body.id });
  if (contact.status !== 201) throw new Error(`contact: ${contact.status} ${contact.text}`);
  return { companyId: company.body.id as string, contactId: contact.body.id as string };
}

/** A deal for the customer with two line items. */
export async function dealWithLines(env: TestEnv, headers: Record<string, string>, who: { companyId: string; contactId: string }) {
  const c = client(env, headers);
  const deal = await createDeal(c, { name: 'Lắp máy lọc nước văn phòng', company: who.companyId, contact: who.contactId, amount: { amount: 0, currency: 'VND' } });
  const res = await put(env, headers, `/deals/${deal.id}/line-items`, {
    items: [
      { description: 'Máy lọc nước RO Kangaroo', quantity: 2, unitPrice: 4_500_000, discountPercent: 10 },
      { description: 'Công lắp đặt', quantity: 1, unitPrice: 300_000 },
    ],
  });
  if (res.status !== 200) throw new Error(`line items: ${res.status}`);
  return deal;
}
