import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { RolesTable } from '../../platform/db/platform.tables.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';

export type RoleRow = Selectable<RolesTable>;

export async function findRole(db: Executor, id: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoleByName(db: Executor, name: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Roles sorted by name then id, keyset-paginated. */
export async function listRoles(db: Executor, f: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(f.cursor, 2) as [string, string] | undefined;
  let query = db.selectFrom('roles').selectAll();
  if (after) {
    const [name, id] = after;
    query = query.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('name').orderBy('id').limit(f.limit + 1).execute();
  return toPage(rows, f.limit, (r) => [r.name, r.id]);
}

export async function insertRole(db: Executor, row: Insertable<RolesTable>): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function updateRole(db: Executor, id: string, version: number, patch: Updateable<RolesTable>): Promise<boolean> {
  const res = await db
    .updateTable('roles')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteRole(db: Executor, id: string, version: number): Promise<boolean> {
  const res = await db.deleteFrom('roles').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function countApiKeysWithRole(db: Executor, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
