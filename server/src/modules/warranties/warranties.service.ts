/**
 * Warranty use cases: records at delivery (from the products' `warranty_months`), claims that open a service-desk
 * ticket (through the tickets definition and the engine's pipeline, so every ticket rule runs), and the daily sweep:
 * a renewal task 30 days before the end (once: the task's unique `source_key` `warranty-renewal:<id>`) and expiry.
 */
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, rowValues } from '../../platform/records/index.js';
import './warranties.tables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

/** The principal warranties and renewal tasks are written as (record events show "Warranties"). */
function warrantiesPrincipal(): Principal {
  return { kind: 'user', userId: 'system-warranties', email: 'warranties@system', name: 'Warranties', locale: 'en', roleId: 'system', isAdmin: true, teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted' };
}

/** @example addMonths('2026-01-31', 1) → '2026-02-28' (the month's last day when it is shorter) */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface DeliveredItem { productId: string | null; description: string; quantity: number; serials: string[] }

export const warrantiesService = {
  /** One warranty per delivered serial (or per delivered line when the product has no serials) of products with a warranty period. */
  async createForDelivery(trx: Executor, p: Principal, d: { orderId: string; company: string | null; contact: string | null; deliveredOn: string; items: DeliveredItem[] }): Promise<string[]> {
    const ids = [...new Set(d.items.map((i) => i.productId).filter((x): x is string => Boolean(x)))];
    if (!ids.length) return [];
    const months = new Map((await loose(trx).selectFrom('products').select(['id', 'warranty_months']).where('id', 'in', ids).execute()).map((r) => [String(r.id), Number(r.warranty_months ?? 0)]));
    const { def, defs } = await definitionOf(trx, 'warranties');
    const sys = warrantiesPrincipal();
    const out: string[] = [];
    for (const item of d.items) {
      const n = item.productId ? months.get(item.productId) ?? 0 : 0;
      if (!item.productId || n <= 0) continue;
      const base = { item: item.description, product: item.productId, order: d.orderId, start_date: d.deliveredOn, end_date: addMonths(d.deliveredOn, n), status: 'active' };
      const units = item.serials.length ? item.serials.map((serial) => ({ serial, quantity: 1 })) : [{ serial: null, quantity: item.quantity }];
      for (const u of units) {
        out.push(await pipeline.create(trx, def, defs, sys, { values: { company: d.company, contact: d.contact }, derived: { ...base, ...u }, ownerId: p.userId }));
      }
    }
    return out;
  },

  /** Voids the order's active warranties (the goods came back), each through the pipeline (record event, audit). Returns how many. */
  async voidForOrder(trx: Executor, orderId: string): Promise<number> {
    const { def, defs } = await definitionOf(trx, 'warranties');
    const sys = warrantiesPrincipal();
    const rows = await loose(trx).selectFrom('warranties').select('id').where('deleted_at', 'is', null).where('order_id', '=', orderId).where('status', '=', 'active').orderBy('id').execute();
    for (const r of rows) await pipeline.update(trx, def, defs, sys, String(r.id), { derived: { status: 'void' } });
    return rows.length;
  },

  /** Opens a ticket for a claim on the warranty (requester: its contact; the item, serial and period in the description). */
  async claim(trx: Executor, p: Principal, id: string, body: { subject: string; description?: string }): Promise<{ ticketId: string; number: string }> {
    const { def } = await definitionOf(trx, 'warranties');
    assertCan(p, def.permissionModule, 'read');
    const w = rowValues(def, await loadLive(trx, def, p, id));
    const { def: tickets, defs } = await definitionOf(trx, 'tickets');
    const facts = [`Warranty claim: ${String(w.item)}`, w.serial ? `Serial: ${String(w.serial)}` : null, `Warranty ${String(w.start_date)} – ${String(w.end_date)} (${String(w.status)})`, `/warranties/${id}`].filter(Boolean).join('\n');
    const ticketId = await pipeline.create(trx, tickets, defs, p, {
      values: { subject: body.subject, description: [body.description?.trim(), facts].filter(Boolean).join('\n\n'), requester: w.contact ?? null, company: w.company ?? null, category: 'incident' },
    });
    await trx.insertInto('warranty_claims').values({ id: newId(), warranty_id: id, ticket_id: ticketId, created_at: nowIso(), created_by: p.userId }).execute();
    const t = await loose(trx).selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirstOrThrow();
    return { ticketId, number: String(t.number) };
  },

  async claims(ex: Executor, p: Principal, id: string) {
    const { def } = await definitionOf(ex, 'warranties');
    assertCan(p, def.permissionModule, 'read');
    await loadLive(ex, def, p, id);
    const r = await sql<{ id: string; ticket_id: string; created_at: string; number: string | null; subject: string | null; status: string | null }>`
      select c.id, c.ticket_id, c.created_at, t.number, t.subject, t.status from warranty_claims c left join tickets t on t.id = c.ticket_id and t.deleted_at is null
      where c.warranty_id = ${id} order by c.created_at, c.id`.execute(ex);
    return { data: r.rows.map((c) => ({ id: c.id, ticketId: c.ticket_id, createdAt: c.created_at, number: c.number, subject: c.subject, status: c.status })) };
  },

  /** Expires warranties past their end and creates each renewal task 30 days before the end, once. Returns tasks created. */
  async sweep(ctx: AppContext, on: string): Promise<number> {
    const db = ctx.database.db;
    const sys = warrantiesPrincipal();
    const { def, defs } = await definitionOf(db, 'warranties');
    const expired = await loose(db).selectFrom('warranties').select('id').where('deleted_at', 'is', null).where('status', '=', 'active').where('end_date', '<', on).execute();
    for (const r of expired) await db.transaction().execute((trx) => pipeline.update(trx, def, defs, sys, String(r.id), { derived: { status: 'expired' } }));
    const due = await loose(db).selectFrom('warranties').selectAll().where('deleted_at', 'is', null).where('status', '=', 'active').where('renewal_task', 'is', null)
      .where('end_date', '<=', addDays(on, 30)).orderBy('id').execute();
    let created = 0;
    for (const row of due) {
      const w = rowValues(def, row as never);
      await db.transaction().execute(async (trx) => {
        const { def: tasks, defs: all } = await definitionOf(trx, 'tasks');
        const existing = await loose(trx).selectFrom('tasks').select('id').where('source_key', '=', `warranty-renewal:${String(row.id)}`).executeTakeFirst();
        const taskId = existing ? String(existing.id) : await pipeline.create(trx, tasks, all, sys, {
          values: {
            title: `Offer a warranty renewal: ${String(w.item)}${w.serial ? ` (${String(w.serial)})` : ''}`, type: 'email', due_at: `${addDays(String(w.end_date), -30)}T02:00:00.000Z`,
            contact: w.contact ?? null, company: w.company ?? null, description: `The warranty ends on ${String(w.end_date)}.`,
          },
          derived: { source_key: `warranty-renewal:${String(row.id)}` },
          ownerId: (row.owner_id as string | null) ?? null,
        });
        if (!existing) created++;
        await pipeline.update(trx, def, defs, sys, String(row.id), { derived: { renewal_task: taskId } });
      });
    }
    return created;
  },
};
