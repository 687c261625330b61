/** Helpers of the deals module's integration tests: the default pipeline's stages by name, PUT, deal factory. */
import type { Permissions } from '../../platform/auth/principal.js';
import type { TestEnv } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import type { Pipeline } from '../../../../contracts/deals.js';

export interface Actor { id: string; headers: Record<string, string> }

/** A signed-in user with a role built from `permissions` (or an admin). */
export async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions; teamId?: string | null } = {}): Promise<Actor> {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id, teamId: o.teamId ?? null });
  return { id: user.id, headers: await signIn(db, user) };
}

/** JSON over the app's inject, as a browser or API client calls it. */
export function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: res.body && json ? (res.json() as any) : null, text: res.body }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body: unknown, extra?: Record<string, string>) => call('POST', url, body, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    del: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}

export const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));

export type Client = ReturnType<typeof client>;

/** The default pipeline and its stage ids by English name. */
export async function salesPipeline(c: Client): Promise<{ pipeline: Pipeline; stage: Record<string, string> }> {
  const list = await c.get('/pipelines');
  const pipeline = (list.body.data as Pipeline[]).find((p) => p.isDefault)!;
  return { pipeline, stage: Object.fromEntries(pipeline.stages.map((s) => [s.name, s.id])) };
}

export async function put(env: TestEnv, headers: Record<string, string>, url: string, payload: unknown, extra: Record<string, string> = {}) {
  const res = await env.app.inject({ method: 'PUT', url: `/api/v1${url}`, headers: { ...headers, ...extra }, payload: payload as object });
  return { status: res.statusCode, body: res.body ? (res.json() as any) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const vnd = (amount: number) => ({ amount, currency: 'VND' });

/** Creates a deal through the API; returns its record. */
export async function createDeal(c: Client, values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await c.post('/deals', { values, ...extra });
  if (res.status !== 201) throw new Error(`deal not created: ${res.status} ${res.text}`);
  return res.body as { id: string; version: number; values: Record<string, unknown>; ownerId: string };
}

/** Open tasks linked to a deal, read straight from the table (the tasks module's API is not under test here). */
export async function tasksOf(env: TestEnv, dealId: string) {
  const { sql } = await import('kysely');
  const r = await sql<{ title: string; type: string; due_at: string; assignee: string; source_key: string; owner_id: string }>`
    select title, type, due_at, assignee, source_key, owner_id from tasks where deal = ${dealId} and deleted_at is null order by created_at, id`.execute(env.database.db);
  return r.rows;
}
