import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Database, Executor } from '../../platform/db/db.js';
import { escapeLike, ilike } from '../../platform/db/dialect.js';
import type { UsersTable } from '../../platform/db/platform.tables.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';

export type UserRow = Selectable<UsersTable>;
export type UserListRow = UserRow & { role_name: string; team_name: string | null };

function withNames(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .selectAll('users')
    .select(['roles.name as role_name', 'teams.name as team_name']);
}

export async function findUser(db: Executor, id: string): Promise<UserListRow | undefined> {
  return withNames(db).where('users.id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export interface UserFilter {
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  teamId?: string | undefined;
  roleId?: string | undefined;
  active?: boolean | undefined;
}

/** Users sorted by name then id, keyset-paginated, with role and team names in the same query. */
export async function listUsers(database: Database, f: UserFilter) {
  const after = decodeCursor(f.cursor, 2) as [string, string] | undefined;
  let query = withNames(database.db);
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    query = query.where((eb) =>
      eb.or([ilike(database.dialect, sql.ref('users.name'), pattern), ilike(database.dialect, sql.ref('users.email'), pattern)]),
    );
  }
  if (f.teamId) query = query.where('users.team_id', '=', f.teamId);
  if (f.roleId) query = query.where('users.role_id', '=', f.roleId);
  if (f.active !== undefined) query = query.where('users.active', '=', f.active ? 1 : 0);
  if (after) {
    const [name, id] = after;
    query = query.where((eb) =>
      eb.or([eb('users.name', '>', name), eb.and([eb('users.name', '=', name), eb('users.id', '>', id)])]),
    );
  }
  const rows = await query.orderBy('users.name').orderBy('users.id').limit(f.limit + 1).execute();
  return toPage(rows, f.limit, (r) => [r.name, r.id]);
}

export async function insertUser(db: Executor, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Applies a change if the row is still at `version`; returns false when someone else changed it first. */
export async function updateUser(db: Executor, id: string, version: number, patch: Updateable<UsersTable>): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Records `step` as the user's last accepted TOTP step, only if it is later than the one stored: the update
 * is the check, so of two requests carrying the same code (in parallel too) exactly one gets true.
 * Not a principal change, so it skips the principal-cache write watch (`withoutPlugins`).
 */
export async function consumeTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const res = await db
    .withoutPlugins()
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Active users whose role is an administrator role: must never drop to zero. */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('users.active', '=', 1)
    .where('roles.is_admin', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active administrators, by name: who a user lacking a permission should ask (GET /directory/admins). */
export async function listActiveAdmins(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('users.active', '=', 1)
    .where('roles.is_admin', '=', 1)
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(50)
    .execute();
}

export async function countUsers(db: Executor, where: { teamId?: string; roleId?: string } = {}): Promise<number> {
  let query = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where.teamId) query = query.where('team_id', '=', where.teamId);
  if (where.roleId) query = query.where('role_id', '=', where.roleId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Bookkeeping, not an edit: does not bump the version, so an admin's open form stays valid. */
export async function setLastLogin(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

/** Active users and all teams, names only, for the directory every signed-in user may read. */
export async function listDirectory(db: Executor) {
  const [users, teams] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'email', 'team_id']).where('active', '=', 1).orderBy('name').orderBy('id').limit(5000).execute(),
    db.selectFrom('teams').select(['id', 'name', 'parent_id']).orderBy('name').execute(),
  ]);
  return { users, teams };
}
