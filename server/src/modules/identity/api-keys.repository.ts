import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { ApiKeysTable } from '../../platform/db/platform.tables.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';

export type ApiKeyRow = Selectable<ApiKeysTable> & { role_name: string };

function withRoleName(db: Executor) {
  return db.selectFrom('api_keys').innerJoin('roles', 'roles.id', 'api_keys.role_id').selectAll('api_keys').select('roles.name as role_name');
}

export async function findApiKey(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
  return withRoleName(db).where('api_keys.id', '=', id).executeTakeFirst();
}

/** Keys newest first (ids are UUIDv7, so id order is creation order), keyset-paginated. */
export async function listApiKeys(db: Executor, f: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(f.cursor, 1) as [string] | undefined;
  let query = withRoleName(db);
  if (after) query = query.where('api_keys.id', '<', after[0]);
  const rows = await query.orderBy('api_keys.id', 'desc').limit(f.limit + 1).execute();
  return toPage(rows, f.limit, (r) => [r.id]);
}

export async function insertApiKey(db: Executor, row: Insertable<ApiKeysTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export async function revokeApiKey(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
