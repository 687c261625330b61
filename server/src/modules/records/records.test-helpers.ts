/** Shared helpers of the records module's integration tests: actors, an HTTP client, the Vehicle object. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';

export interface Actor { id: string; teamId: string | null; headers: Record<string, string> }

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions; teamId?: string | null; maxClassification?: 'public' | 'internal' | 'confidential' | 'restricted' } = {}): Promise<Actor> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {}, maxClassification: o.maxClassification });
  const user = await createUser(db, { roleId: role.id, teamId: o.teamId ?? null });
  return { id: user.id, teamId: o.teamId ?? null, headers: await signIn(db, user) };
}

export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: res.body && json ? (res.json() as any) : null, text: res.body, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body: unknown, extra?: Record<string, string>) => call('POST', url, body, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    del: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}

export const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));

/** The example object: a select, a money field and a relation to contacts (plus a few more types). */
export const vehicleInput = (name = 'vehicles') => ({
  name,
  labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
  icon: 'car',
  fields: [
    { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true, classification: 'public' },
    { key: 'plate', type: 'text', labels: { en: 'Plate', vi: 'Biển số' }, unique: true },
    {
      key: 'status', type: 'select', labels: { en: 'Status', vi: 'Trạng thái' }, default: 'new',
      options: [
        { value: 'new', labels: { en: 'New', vi: 'Mới' }, color: 'blue', position: 0 },
        { value: 'service', labels: { en: 'In service', vi: 'Đang bảo dưỡng' }, color: 'orange', position: 1 },
        { value: 'sold', labels: { en: 'Sold', vi: 'Đã bán' }, color: 'green', position: 2 },
      ],
    },
    { key: 'price', type: 'money', labels: { en: 'Price', vi: 'Giá' }, currency: 'VND' },
    { key: 'owner_contact', type: 'relation', labels: { en: 'Owner', vi: 'Chủ xe' }, relation: { target: 'contacts' } },
    { key: 'cost', type: 'number', labels: { en: 'Cost', vi: 'Giá vốn' }, classification: 'confidential' },
  ],
});

/** Grants on one object's permission module. */
export const grantObject = (name: string, scope: 'own' | 'team' | 'all', actions: string[] = ['read', 'create', 'update', 'delete', 'export']): Permissions =>
  ({ [`object:${name}`]: { actions, scope } }) as Permissions;
