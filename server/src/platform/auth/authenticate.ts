import type { Executor } from '../db/db.js';
import { nowIso } from '../ids.js';
import { sha256 } from './passwords.js';
import { intersectRoles, type Classification, type Permissions, type Principal, type RoleRights } from './principal.js';
import { principalGeneration, type PrincipalCache } from './principal-cache.js';

export const SESSION_COOKIE = 'kith_session';
export const CSRF_HEADER = 'x-csrf-token';
export const API_KEY_PREFIX = 'kith_';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Ids of a team and every team nested under it. */
export async function teamSubtree(db: Executor, teamId: string | null): Promise<string[]> {
  if (!teamId) return [];
  const teams = await db.selectFrom('teams').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const t of teams) {
    if (!t.parent_id) continue;
    const list = children.get(t.parent_id) ?? [];
    list.push(t.id);
    children.set(t.parent_id, list);
  }
  const out: string[] = [];
  const stack = [teamId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue; // guards against a cycle written by hand
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

const rightsOf = (role: { is_admin: number; permissions: string; max_classification: string }): RoleRights => ({
  isAdmin: role.is_admin === 1,
  permissions: JSON.parse(role.permissions) as Permissions,
  maxClassification: role.max_classification as Classification,
});

/**
 * Builds the principal for a user acting under their own role, or for an API key: then under the key's role
 * intersected with the owner's current role (`intersectRoles`), read afresh on every load — a key never
 * does more than its owner may do now.
 */
export async function loadPrincipal(
  db: Executor,
  userId: string,
  via: { kind: 'user' | 'apikey'; roleId?: string },
): Promise<Principal | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) return null;
  const roleIds = [...new Set([user.role_id, via.roleId ?? user.role_id])];
  const roles = await db.selectFrom('roles').selectAll().where('id', 'in', roleIds).execute();
  const own = roles.find((r) => r.id === user.role_id);
  const acting = roles.find((r) => r.id === (via.roleId ?? user.role_id));
  if (!own || !acting) return null;
  const rights = via.kind === 'apikey' ? intersectRoles(rightsOf(acting), rightsOf(own)) : rightsOf(own);
  return {
    kind: via.kind,
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    roleId: acting.id,
    isAdmin: rights.isAdmin,
    teamId: user.team_id,
    teamIds: await teamSubtree(db, user.team_id),
    permissions: rights.permissions,
    maxClassification: rights.maxClassification,
  };
}

/** What a session cookie resolves to; frozen, because cached results are shared by concurrent requests. */
export interface SessionResult {
  principal: Principal;
  mfaPending: boolean;
}

/** A cached session: the result plus the times expiry is checked against on every request. */
export interface CachedSession {
  result: SessionResult;
  expiresAt: number;
  lastSeenAt: number;
}

/** A cached API key: the principal plus its expiry and last-used time. */
export interface CachedApiKey {
  principal: Principal;
  id: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** Touch at most once a minute: a write per request would serialise reads on SQLite. */
const TOUCH_EVERY_MS = 60_000;

function freezePrincipal(p: Principal): Principal {
  Object.freeze(p.teamIds);
  for (const grant of Object.values(p.permissions)) Object.freeze(grant.actions);
  Object.freeze(p.permissions);
  return Object.freeze(p);
}

/**
 * Resolves a session cookie value to a principal, enforcing idle and absolute expiry.
 * With a cache (the auth hook passes one), a hit costs no query; see principal-cache.ts for freshness.
 */
export async function principalFromSession(
  db: Executor,
  token: string,
  policy: SessionPolicy,
  cache?: PrincipalCache<CachedSession>,
): Promise<SessionResult | null> {
  const id = sha256(token);
  const now = Date.now();
  const idleMs = policy.idleMinutes * 60_000;
  const hit = cache?.get(id, now);
  if (hit) {
    if (now <= hit.expiresAt && now <= hit.lastSeenAt + idleMs) {
      if (now - hit.lastSeenAt > TOUCH_EVERY_MS) {
        hit.lastSeenAt = now;
        await db.withoutPlugins().updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute();
      }
      return hit.result;
    }
    cache!.delete(id); // expired: the database path below deletes it
  }
  const loadedAt = principalGeneration();
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const expiresAt = Date.parse(session.expires_at);
  let lastSeenAt = Date.parse(session.last_seen_at);
  if (now > expiresAt || now > lastSeenAt + idleMs) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - lastSeenAt > TOUCH_EVERY_MS) {
    lastSeenAt = now;
    await db.withoutPlugins().updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  }
  const principal = await loadPrincipal(db, session.user_id, { kind: 'user' });
  if (!principal) return null;
  principal.sessionId = id;
  principal.csrfToken = session.csrf_token;
  const result: SessionResult = Object.freeze({ principal: freezePrincipal(principal), mfaPending: session.mfa_pending === 1 });
  cache?.set(id, { result, expiresAt, lastSeenAt }, loadedAt, now);
  return result;
}

/** Resolves `Authorization: Bearer kith_…` to a principal acting under the key's role. */
export async function principalFromApiKey(db: Executor, key: string, cache?: PrincipalCache<CachedApiKey>): Promise<Principal | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const hash = sha256(key);
  const now = Date.now();
  const hit = cache?.get(hash, now);
  if (hit) {
    if (hit.expiresAt !== null && hit.expiresAt < now) {
      cache!.delete(hash);
      return null;
    }
    if (hit.lastUsedAt === null || now - hit.lastUsedAt > TOUCH_EVERY_MS) {
      hit.lastUsedAt = now;
      await db.withoutPlugins().updateTable('api_keys').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', hit.id).execute();
    }
    return hit.principal;
  }
  const loadedAt = principalGeneration();
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const expiresAt = row.expires_at ? Date.parse(row.expires_at) : null;
  if (expiresAt !== null && expiresAt < now) return null;
  let lastUsedAt = row.last_used_at ? Date.parse(row.last_used_at) : null;
  if (lastUsedAt === null || now - lastUsedAt > TOUCH_EVERY_MS) {
    lastUsedAt = now;
    await db.withoutPlugins().updateTable('api_keys').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  }
  const principal = await loadPrincipal(db, row.user_id, { kind: 'apikey', roleId: row.role_id });
  if (!principal) return null;
  principal.apiKeyId = row.id;
  const frozen = freezePrincipal(principal);
  cache?.set(hash, { principal: frozen, id: row.id, expiresAt, lastUsedAt }, loadedAt, now);
  return frozen;
}
