/**
 * Which tables point at a contact, so a merge moves every relation to the survivor. The registry is
 * pre-filled with the known tables; any other table with a `contact_id` column is discovered from the
 * schema at merge time, so later modules (deals, tickets, orders…) are covered without code here. A
 * module with a differently named column registers it: `registerContactReference('deals', 'primary_contact_id')`.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { AppError } from '../../platform/http/errors.js';

export interface ContactReference { table: string; column: string }

const registry = new Map<string, ContactReference>();
const key = (r: ContactReference) => `${r.table}.${r.column}`;

export function registerContactReference(table: string, column: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`invalid reference ${table}.${column}`);
  registry.set(`${table}.${column}`, { table, column });
}
export function unregisterContactReference(table: string, column: string): void {
  registry.delete(`${table}.${column}`);
}

registerContactReference('activities', 'contact_id');
registerContactReference('consent_history', 'contact_id');

/**
 * Side tables the contacts service rewrites from the survivor's merged emails/phones/tags: the merged
 * contact's rows are deleted instead of moved (moving would duplicate them).
 */
export const SIDE_TABLES = ['contact_emails', 'contact_phones', 'contact_tags'] as const;
/** Tables that reference contacts by other meanings (pairs, the vault) and must not be rewritten. */
const NEVER = new Set(['contacts', 'contact_duplicates', 'personal_data_vault', ...SIDE_TABLES]);

/** Registered plus discovered references, registered first (in registration order). */
export async function contactReferences(ex: Executor): Promise<ContactReference[]> {
  const out = new Map(registry);
  const tables = await ex.introspection.getTables();
  for (const t of tables) {
    if (t.isView || (t.schema && t.schema !== 'public' && t.schema !== 'main')) continue;
    if (t.columns.some((c) => c.name === 'contact_id')) {
      const r = { table: t.name, column: 'contact_id' };
      if (!out.has(key(r))) out.set(key(r), r);
    }
  }
  return [...out.values()].filter((r) => !NEVER.has(r.table));
}

export async function countReferences(ex: Executor, refs: ContactReference[], contactId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of refs) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(r.table)} where ${sql.ref(r.column)} = ${contactId}`.execute(ex);
    counts[key(r)] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}

let savepoints = 0;

/**
 * Repoints every reference from `fromId` to `toId` inside the caller's transaction. A table whose
 * unique constraint forbids the survivor holding the same relation twice (a list membership, say) is
 * moved row by row, and the merged contact's duplicate row is dropped. Any other error propagates and
 * rolls the whole merge back.
 */
export async function moveReferences(trx: Executor, refs: ContactReference[], fromId: string, toId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const r of refs) {
    const sp = sql.raw(`kith_merge_${++savepoints}`);
    await sql`savepoint ${sp}`.execute(trx);
    try {
      const res = await sql`update ${sql.table(r.table)} set ${sql.ref(r.column)} = ${toId} where ${sql.ref(r.column)} = ${fromId}`.execute(trx);
      moved[key(r)] = Number(res.numAffectedRows ?? 0);
      await sql`release savepoint ${sp}`.execute(trx);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await sql`rollback to savepoint ${sp}`.execute(trx);
      await sql`release savepoint ${sp}`.execute(trx);
      moved[key(r)] = await moveRowByRow(trx, r, fromId, toId);
    }
  }
  return moved;
}

async function moveRowByRow(trx: Executor, r: ContactReference, fromId: string, toId: string): Promise<number> {
  let ids: { id: string }[];
  try {
    ids = (await sql<{ id: string }>`select id from ${sql.table(r.table)} where ${sql.ref(r.column)} = ${fromId}`.execute(trx)).rows;
  } catch {
    throw new AppError('conflict', `Cannot merge: ${r.table}.${r.column} has a uniqueness rule and no id column to move rows one by one`);
  }
  let n = 0;
  for (const { id } of ids) {
    const sp = sql.raw(`kith_merge_${++savepoints}`);
    await sql`savepoint ${sp}`.execute(trx);
    try {
      await sql`update ${sql.table(r.table)} set ${sql.ref(r.column)} = ${toId} where id = ${id}`.execute(trx);
      n++;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await sql`rollback to savepoint ${sp}`.execute(trx);
      // The survivor already has this relation: the merged contact's copy goes.
      await sql`delete from ${sql.table(r.table)} where id = ${id}`.execute(trx);
    }
    await sql`release savepoint ${sp}`.execute(trx);
  }
  return n;
}
