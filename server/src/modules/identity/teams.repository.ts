import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { TeamsTable } from '../../platform/db/platform.tables.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';

export type TeamRow = Selectable<TeamsTable>;

export async function findTeam(db: Executor, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTeamByName(db: Executor, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Teams sorted by name then id, keyset-paginated. */
export async function listTeams(db: Executor, f: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(f.cursor, 2) as [string, string] | undefined;
  let query = db.selectFrom('teams').selectAll();
  if (after) {
    const [name, id] = after;
    query = query.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('name').orderBy('id').limit(f.limit + 1).execute();
  return toPage(rows, f.limit, (r) => [r.name, r.id]);
}

/** Every team's parent, to check a new parent for cycles (teams are few: a department chart). */
export async function teamParents(db: Executor): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('teams').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function insertTeam(db: Executor, row: Insertable<TeamsTable>): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

export async function updateTeam(db: Executor, id: string, version: number, patch: Updateable<TeamsTable>): Promise<boolean> {
  const res = await db
    .updateTable('teams')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteTeam(db: Executor, id: string, version: number): Promise<boolean> {
  const res = await db.deleteFrom('teams').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
