import type { Executor } from '../db/db.js';
import { newId, nowIso } from '../ids.js';
import { hashPassword, randomToken, sha256 } from '../auth/passwords.js';
import { API_KEY_PREFIX, SESSION_COOKIE } from '../auth/authenticate.js';
import type { Classification, Permissions } from '../auth/principal.js';

/**
 * Test factories: insert real rows (no mocks) with sensible defaults.
 *
 *   const role = await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'own' } } });
 *   const user = await createUser(db, { roleId: role.id });
 *   const res = await app.inject({ method: 'GET', url: '/api/v1/contacts', headers: await signIn(db, user) });
 */
let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createRole(
  db: Executor,
  o: { name?: string; isAdmin?: boolean; permissions?: Permissions; maxClassification?: Classification } = {},
) {
  const row = {
    id: newId(),
    name: o.name ?? `role-${unique()}`,
    description: null,
    is_admin: o.isAdmin ? 1 : 0,
    max_classification: o.maxClassification ?? 'internal',
    permissions: JSON.stringify(o.permissions ?? {}),
    created_at: nowIso(),
    updated_at: nowIso(),
    created_by: null,
    updated_by: null,
  };
  await db.insertInto('roles').values(row).execute();
  return row;
}

export async function createTeam(db: Executor, o: { name?: string; parentId?: string | null } = {}) {
  const row = {
    id: newId(), name: o.name ?? `team-${unique()}`, parent_id: o.parentId ?? null,
    created_at: nowIso(), updated_at: nowIso(), created_by: null, updated_by: null,
  };
  await db.insertInto('teams').values(row).execute();
  return row;
}

/** Password defaults to `correct horse battery` (hashing costs ~50 ms, so it is only done when asked). */
export async function createUser(
  db: Executor,
  o: { roleId?: string; teamId?: string | null; email?: string; name?: string; password?: string; locale?: string; admin?: boolean } = {},
) {
  const roleId = o.roleId ?? (await createRole(db, { isAdmin: o.admin ?? false })).id;
  const row = {
    id: newId(),
    email: (o.email ?? `user-${unique()}@example.test`).toLowerCase(),
    name: o.name ?? 'Test User',
    password_hash: o.password ? await hashPassword(o.password) : null,
    role_id: roleId,
    team_id: o.teamId ?? null,
    locale: o.locale ?? 'en',
    created_at: nowIso(),
    updated_at: nowIso(),
    created_by: null,
    updated_by: null,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

/** Creates a session row for the user and returns the headers a browser would send (cookie + CSRF). */
export async function signIn(db: Executor, user: { id: string }): Promise<Record<string, string>> {
  const token = randomToken();
  const csrf = randomToken(16);
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token), user_id: user.id, csrf_token: csrf, created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(), expires_at: new Date(now + 86_400_000).toISOString(), ip: null, user_agent: null,
    })
    .execute();
  return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrf };
}

/** Creates an API key acting as the user under the given role; returns the Authorization header. */
export async function createApiKeyHeader(db: Executor, user: { id: string }, roleId: string): Promise<Record<string, string>> {
  const secret = `${API_KEY_PREFIX}${randomToken(6)}_${randomToken()}`;
  await db
    .insertInto('api_keys')
    .values({
      id: newId(), name: 'test key', prefix: secret.slice(0, 13), key_hash: sha256(secret), user_id: user.id, role_id: roleId,
      last_used_at: null, expires_at: null, revoked_at: null, created_at: nowIso(), created_by: null,
    })
    .execute();
  return { authorization: `Bearer ${secret}` };
}
