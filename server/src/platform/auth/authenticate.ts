import type { Executor } from '../db/db.js';
import { nowIso } from '../ids.js';
import { sha256 } from './passwords.js';
import type { Classification, Permissions, Principal } from './principal.js';

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

/** Builds the principal for a user acting under a role (their own, or an API key's). */
export async function loadPrincipal(
  db: Executor,
  userId: string,
  via: { kind: 'user' | 'apikey'; roleId?: string },
): Promise<Principal | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) return null;
  const role = await db
    .selectFrom('roles')
    .selectAll()
    .where('id', '=', via.roleId ?? user.role_id)
    .executeTakeFirst();
  if (!role) return null;
  return {
    kind: via.kind,
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    roleId: role.id,
    isAdmin: role.is_admin === 1,
    teamId: user.team_id,
    teamIds: await teamSubtree(db, user.team_id),
    permissions: JSON.parse(role.permissions) as Permissions,
    maxClassification: role.max_classification as Classification,
  };
}

/** Resolves a session cookie value to a principal, enforcing idle and absolute expiry. */
export async function principalFromSession(
  db: Executor,
  token: string,
  policy: SessionPolicy,
): Promise<{ principal: Principal; mfaPending: boolean } | null> {
  const id = sha256(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const now = Date.now();
  const idleLimit = Date.parse(session.last_seen_at) + policy.idleMinutes * 60_000;
  if (now > Date.parse(session.expires_at) || now > idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Touch at most once a minute: a write per request would serialise reads on SQLite.
  if (now - Date.parse(session.last_seen_at) > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  }
  const principal = await loadPrincipal(db, session.user_id, { kind: 'user' });
  if (!principal) return null;
  principal.sessionId = id;
  principal.csrfToken = session.csrf_token;
  return { principal, mfaPending: session.mfa_pending === 1 };
}

/** Resolves `Authorization: Bearer kith_…` to a principal acting under the key's role. */
export async function principalFromApiKey(db: Executor, key: string): Promise<Principal | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', sha256(key)).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  if (row.expires_at && Date.parse(row.expires_at) < Date.now()) return null;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_keys').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  }
  const principal = await loadPrincipal(db, row.user_id, { kind: 'apikey', roleId: row.role_id });
  if (!principal) return null;
  principal.apiKeyId = row.id;
  return principal;
}
