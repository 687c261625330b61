/** Helpers of the invoices, orders and warranties integration tests: a customer, a draft with lines, an issued invoice. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions } = {}): Promise<{ id: string; headers: Record<string, string> }> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id });
  return { id: user.id, headers: await signIn(db, user) };
}

/** JSON over the app's inject, as a browser or API client calls it. */
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

export async function put(env: TestEnv, headers: Record<string, string>, url: string, payload: unknown) {
  return client(env, headers).put(url, payload);
}

/** A company and a contact working there with an email, through the API. */
export async function customer(c: Client, tag: string): Promise<{ companyId: string; contactId: string; email: string }> {
  const company = await c.post('/companies', { name: `Công ty ${tag}` });
  if (company.status !== 201) throw new Error(`company: ${company.status} ${company.text}`);
  const email = `ke-toan-${tag.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.vn`;
  const contact = await c.post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn', emails: [{ address: email }], companyId: company.body.id });
  if (contact.status !== 201) throw new Error(`contact: ${contact.status} ${contact.text}`);
  return { companyId: company.body.id, contactId: contact.body.id, email };
}

export const line = (description: string, quantity: number, unitPrice: number, extra: Record<string, unknown> = {}) => ({ description, quantity, unitPrice, taxRate: 10, ...extra });

/** A draft invoice with lines; returns its id. */
export async function draft(env: TestEnv, c: Client, headers: Record<string, string>, who: { companyId: string; contactId: string }, lines: unknown[], values: Record<string, unknown> = {}): Promise<string> {
  const created = await c.post('/invoices', { values: { subject: 'Thiết bị văn phòng', company: who.companyId, contact: who.contactId, ...values } });
  if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
  const res = await put(env, headers, `/invoices/${created.body.id}/lines`, { lines });
  if (res.status !== 200) throw new Error(`lines: ${res.status} ${JSON.stringify(res.body)}`);
  return created.body.id as string;
}

/** A draft issued on `issueDate`; returns the issued record. */
export async function issued(env: TestEnv, c: Client, headers: Record<string, string>, who: { companyId: string; contactId: string }, lines: unknown[], issueDate?: string) {
  const id = await draft(env, c, headers, who, lines);
  const res = await c.post(`/invoices/${id}/issue`, issueDate ? { issueDate } : {});
  if (res.status !== 200) throw new Error(`issue: ${res.status} ${res.text}`);
  return res.body as { id: string; values: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
