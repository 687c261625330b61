/**
 * A contact's or company's purchases for its page (issue 17 item 8): money received, orders, open quotes, unpaid
 * invoices, active warranties. Each part is read through the records engine's list (the caller's grant, visibility
 * scope and field masking on that object); a part whose object the role may not read is `null`, so a sales rep
 * without invoice rights sees the card without invoices rather than a 403 for all of it.
 */
import type { CommerceSummary } from '../../../../contracts/orders.js';
import type { RecordData } from '../../../../contracts/records.js';
import { can, type Principal } from '../../platform/auth/principal.js';
import type { Database } from '../../platform/db/db.js';
import { notFound } from '../../platform/http/errors.js';
import { fresh, reads } from '../../platform/records/index.js';
import { addDays, today } from '../invoices/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { commerceRepository } from './commerce.repository.js';

export type Party = 'contacts' | 'companies';
/** Rows shown per part; `more` says there are others (the object's list, filtered, shows them all). */
const SHOWN = 10;
/** A warranty ending within this many days is flagged. */
const EXPIRING_DAYS = 30;

type Money = { amount: number; currency: string } | null;
const text = (v: unknown) => (typeof v === 'string' ? v : null);
const money = (v: unknown): Money => (v && typeof v === 'object' && 'amount' in v ? (v as Money) : null);

export const commerceService = {
  async summary(database: Database, p: Principal, party: Party, id: string): Promise<CommerceSummary> {
    const db = database.db;
    const defs = await fresh(db);
    // The party itself must be visible: otherwise the answer would confirm it exists.
    if (!(await reads.titles(db, defs, p, [{ object: party, id }])).length) throw notFound(party === 'contacts' ? 'Contact' : 'Company');
    const key = party === 'contacts' ? 'contact' : 'company';
    const mine = { field: key, op: 'eq', value: id };
    const list = async (object: string, filters: object[], sort: string, limit = SHOWN): Promise<{ rows: RecordData[]; more: boolean } | null> => {
      const def = defs.get(object);
      if (!def || !can(p, def.permissionModule, 'read')) return null;
      const page = await reads.list(database, def, defs, p, { filter: JSON.stringify([mine, ...filters]), sort, limit });
      return { rows: page.data, more: page.nextCursor !== null };
    };
    const day = today();
    const { defaultCurrency } = await workspaceSettings(db);

    const orders = await list('orders', [], '-order_date,-createdAt');
    const quotes = await list('quotes', [{ field: 'status', op: 'in', value: ['draft', 'pending_approval', 'sent'] }], 'valid_until', 50);
    const invoices = await list('invoices', [{ field: 'kind', op: 'eq', value: 'invoice' }, { field: 'status', op: 'in', value: ['issued', 'partially_paid', 'overdue'] }], 'due_date');
    const warranties = await list('warranties', [{ field: 'status', op: 'eq', value: 'active' }], 'end_date');
    const invoicesDef = defs.get('invoices');
    const revenue = invoicesDef && can(p, invoicesDef.permissionModule, 'read') ? await commerceRepository.received(db, p, invoicesDef.permissionModule, key, id) : null;
    const soon = addDays(day, EXPIRING_DAYS);
    const openQuotes = quotes && quotes.rows.filter((q) => !text(q.values.valid_until) || text(q.values.valid_until)! >= day);

    return {
      currency: defaultCurrency,
      revenue: revenue && [...revenue].sort((a, b) => Number(b.currency === defaultCurrency) - Number(a.currency === defaultCurrency) || a.currency.localeCompare(b.currency)),
      orders: orders && {
        more: orders.more,
        data: orders.rows.map((o) => ({ id: o.id, number: o.title, subject: text(o.values.subject), status: String(o.values.status ?? ''), date: text(o.values.order_date), total: money(o.values.total) })),
      },
      quotes: quotes && openQuotes && {
        more: quotes.more || openQuotes.length > SHOWN,
        data: openQuotes.slice(0, SHOWN).map((q) => ({
          id: q.id, number: String(q.values.number ?? q.title), title: text(q.values.title), status: String(q.values.status ?? ''), validUntil: text(q.values.valid_until), total: money(q.values.total),
        })),
      },
      invoices: invoices && {
        more: invoices.more,
        data: invoices.rows.map((i) => ({
          id: i.id, number: String(i.values.number ?? ''), status: String(i.values.status ?? ''), dueDate: text(i.values.due_date), total: money(i.values.total), balance: money(i.values.balance),
          overdue: i.values.status === 'overdue' || (text(i.values.due_date) !== null && text(i.values.due_date)! < day),
        })),
      },
      warranties: warranties && {
        more: warranties.more,
        data: warranties.rows.map((w) => ({ id: w.id, item: w.title, serial: text(w.values.serial), endDate: text(w.values.end_date), expiringSoon: text(w.values.end_date) !== null && text(w.values.end_date)! <= soon })),
      },
    };
  },
};
