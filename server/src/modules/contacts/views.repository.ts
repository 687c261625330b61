/** SQL of saved views. */
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import type { SavedViewsTable } from './contacts.tables.js';

export type ViewRow = Omit<SavedViewsTable, 'version'> & { version: number };

export const viewsRepository = {
  /** Mine plus the team views of my teams. */
  async visible(db: Executor, p: Principal, entity?: string): Promise<ViewRow[]> {
    let q = db.selectFrom('saved_views').selectAll().where((eb) =>
      p.teamIds.length
        ? eb.or([eb('owner_id', '=', p.userId), eb.and([eb('visibility', '=', 'team'), eb('team_id', 'in', p.teamIds)])])
        : eb('owner_id', '=', p.userId),
    );
    if (entity) q = q.where('entity', '=', entity);
    return (await q.orderBy('name').orderBy('id').execute()) as ViewRow[];
  },
  async find(db: Executor, id: string): Promise<ViewRow | undefined> {
    return (await db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst()) as ViewRow | undefined;
  },
  async teamExists(db: Executor, teamId: string): Promise<boolean> {
    return (await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst()) !== undefined;
  },
  async insert(db: Executor, row: Omit<ViewRow, 'version'>): Promise<void> {
    await db.insertInto('saved_views').values(row).execute();
  },
  async update(db: Executor, id: string, version: number, set: Partial<ViewRow>): Promise<boolean> {
    const r = await db.updateTable('saved_views').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('saved_views').where('id', '=', id).execute();
  },
};
