/** The invoices module's SQL: lines, series counters, allocations, reminders, and reads over the engine's tables. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { InvoiceLinesTable } from './invoices.tables.js';
import './invoices.tables.js';

/** The engine's per-object tables are not in the static schema: typed loosely here and nowhere else. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
const num = (v: unknown) => Number(v ?? 0);

export const invoicesRepository = {
  lines: (ex: Executor, invoiceId: string) => ex.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('position').execute(),
  async replaceLines(ex: Executor, invoiceId: string, rows: InvoiceLineRow[]): Promise<void> {
    await ex.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
    if (rows.length) await ex.insertInto('invoice_lines').values(rows).execute();
  },

  /**
   * Takes the next number of a series. The UPDATE locks the series row until the issuing transaction ends, so
   * concurrent issuers queue on it: no duplicates, and a rolled-back issue gives its number back (no gaps).
   */
  async nextInSeries(ex: Executor, key: string): Promise<number> {
    await ex.insertInto('document_series').values({ key, value: 0 }).onConflict((oc) => oc.column('key').doNothing()).execute();
    await ex.updateTable('document_series').set((eb) => ({ value: eb('value', '+', 1) })).where('key', '=', key).execute();
    return num((await ex.selectFrom('document_series').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value);
  },

  /**
   * Locks invoices (in id order, so two writers never wait on each other crosswise) for the rest of the
   * transaction: a no-op UPDATE takes PostgreSQL's row lock and SQLite's write lock alike.
   */
  async lockInvoices(ex: Executor, ids: string[]): Promise<void> {
    for (const id of [...new Set(ids)].sort()) await loose(ex).updateTable('invoices').set({ version: sql`version` }).where('id', '=', id).execute();
  },

  /** Money received on an invoice: its allocations from live payments. */
  async paidOn(ex: Executor, invoiceId: string): Promise<number> {
    const r = await sql<{ s: number | string | null }>`select sum(a.amount) as s from payment_allocations a join payments p on p.id = a.payment_id
      where a.invoice_id = ${invoiceId} and p.deleted_at is null`.execute(ex);
    return num(r.rows[0]?.s);
  },
  /** What live credit notes took off an invoice (a positive amount). */
  async creditedOn(ex: Executor, invoiceId: string): Promise<number> {
    const r = await sql<{ s: number | string | null }>`select sum(total) as s from invoices
      where credit_for = ${invoiceId} and kind = 'credit_note' and status <> 'void' and status <> 'draft' and deleted_at is null`.execute(ex);
    return -num(r.rows[0]?.s);
  },

  async allocationsOfPayment(ex: Executor, paymentId: string) {
    return ex.selectFrom('payment_allocations').selectAll().where('payment_id', '=', paymentId).orderBy('created_at').orderBy('id').execute();
  },
  /** Allocations with the payment's and invoice's numbers, for one payment or one invoice. */
  async allocationsWithNumbers(ex: Executor, by: 'payment_id' | 'invoice_id', id: string) {
    const r = await sql<{ id: string; payment_id: string; invoice_id: string; amount: number | string; currency: string | null; payment_number: string | null; invoice_number: string | null; method: string | null; paid_on: string | null }>`
      select a.id, a.payment_id, a.invoice_id, a.amount, p.amount_currency as currency, p.number as payment_number, i.number as invoice_number, p.method, p.paid_on
      from payment_allocations a join payments p on p.id = a.payment_id join invoices i on i.id = a.invoice_id
      where ${sql.ref(`a.${by}`)} = ${id} and p.deleted_at is null order by a.created_at, a.id`.execute(ex);
    return r.rows;
  },
  async replaceAllocations(ex: Executor, paymentId: string, rows: { id: string; invoice_id: string; amount: number; created_at: string }[]): Promise<void> {
    await ex.deleteFrom('payment_allocations').where('payment_id', '=', paymentId).execute();
    if (rows.length) await ex.insertInto('payment_allocations').values(rows.map((r) => ({ ...r, payment_id: paymentId }))).execute();
  },

  async invoicedQuantities(ex: Executor, orderLineIds: string[], shipmentId?: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!orderLineIds.length) return out;
    const r = await sql<{ order_line_id: string; q: number | string }>`select l.order_line_id, sum(l.quantity) as q from invoice_lines l join invoices i on i.id = l.invoice_id
      where l.order_line_id in (${sql.join(orderLineIds)}) and i.deleted_at is null and i.status <> 'void'
      ${shipmentId ? sql`and l.shipment_id = ${shipmentId}` : sql``} group by l.order_line_id`.execute(ex);
    for (const row of r.rows) out.set(row.order_line_id, Math.round(Number(row.q) * 1000) / 1000);
    return out;
  },

  /** Live invoices not yet settled whose due date has passed. */
  async pastDue(ex: Executor, on: string): Promise<string[]> {
    const rows = await loose(ex).selectFrom('invoices').select('id').where('deleted_at', 'is', null).where('kind', '=', 'invoice')
      .where('status', 'in', ['issued', 'partially_paid']).where('due_date', '<', on).orderBy('id').execute();
    return rows.map((r) => String(r.id));
  },
  async overdue(ex: Executor): Promise<{ id: string; due_date: string }[]> {
    const rows = await loose(ex).selectFrom('invoices').select(['id', 'due_date']).where('deleted_at', 'is', null).where('status', '=', 'overdue').orderBy('id').execute();
    return rows.map((r) => ({ id: String(r.id), due_date: String(r.due_date) }));
  },
  /** Claims a reminder step of an invoice; false when it was claimed before. */
  async claimReminder(ex: Executor, invoiceId: string, step: number, at: string): Promise<boolean> {
    const r = await ex.insertInto('invoice_reminders').values({ invoice_id: invoiceId, step, queued_at: at })
      .onConflict((oc) => oc.columns(['invoice_id', 'step']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  /** The first email of a contact, its display name and the company's name (a reminder's recipient). */
  async recipient(ex: Executor, contactId: string | null): Promise<{ email: string; name: string } | null> {
    if (!contactId) return null;
    const r = await ex.selectFrom('contacts').innerJoin('contact_emails', 'contact_emails.contact_id', 'contacts.id')
      .select(['contact_emails.email', 'contacts.display_name']).where('contacts.id', '=', contactId).where('contacts.deleted_at', 'is', null).executeTakeFirst();
    return r ? { email: r.email, name: r.display_name } : null;
  },
  async raw(ex: Executor, table: 'invoices' | 'payments', id: string): Promise<Record<string, unknown> | undefined> {
    return loose(ex).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Invoices and credit notes issued in [from, to], with the customer's name; for the journal. */
  async journalInvoices(ex: Executor, from: string, to: string) {
    const r = await sql<Record<string, unknown>>`
      select i.issue_date, i.kind, i.number, i.status, coalesce(co.name, ct.display_name) as customer, i.currency, i.subtotal, i.tax_total, i.total,
        i.due_date, cf.number as applies_to
      from invoices i left join companies co on co.id = i.company left join contacts ct on ct.id = i.contact left join invoices cf on cf.id = i.credit_for
      where i.deleted_at is null and i.status <> 'draft' and i.issue_date >= ${from} and i.issue_date <= ${to}
      order by i.issue_date, i.number`.execute(ex);
    return r.rows;
  },
  async journalPayments(ex: Executor, from: string, to: string) {
    const r = await sql<Record<string, unknown>>`
      select p.id, p.paid_on, p.number, p.method, p.reference, coalesce(co.name, ct.display_name) as customer, p.amount, p.amount_currency
      from payments p left join companies co on co.id = p.company left join contacts ct on ct.id = p.contact
      where p.deleted_at is null and p.paid_on >= ${from} and p.paid_on <= ${to}
      order by p.paid_on, p.number`.execute(ex);
    return r.rows;
  },
  async allocatedInvoiceNumbers(ex: Executor, paymentIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!paymentIds.length) return out;
    const r = await sql<{ payment_id: string; number: string | null }>`select a.payment_id, i.number from payment_allocations a join invoices i on i.id = a.invoice_id
      where a.payment_id in (${sql.join(paymentIds)}) order by i.number`.execute(ex);
    for (const row of r.rows) out.set(row.payment_id, [...(out.get(row.payment_id) ?? []), String(row.number ?? '')]);
    return out;
  },
};
