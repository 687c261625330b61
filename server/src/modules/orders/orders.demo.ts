/**
 * `kith demo`: orders from the demo's won deals in every status (confirmed, picking, shipped, delivered with
 * warranties, completed, cancelled), their invoices in every state (draft, issued, partially paid, paid, overdue,
 * credited, void) and payments by cash, bank transfer and card. Each order is one transaction through the modules'
 * own use cases (stock, numbering and statuses as in real use); an order the demo stock cannot serve is left out.
 */
import type { Kysely } from 'kysely';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { invoicesService, paymentsService, addDays, today } from '../invoices/index.js';
import { ordersService } from './orders.service.js';
import { ordersRepository as repo } from './orders.repository.js';

type Rec = { id: string; values: Record<string, unknown> };

async function shipAll(trx: Executor, p: Principal, id: string, carrier: string): Promise<string> {
  const lines = await repo.lines(trx, id);
  const serialsOf = async (productId: string | null, n: number) => {
    if (!productId) return undefined;
    // Serials of the warehouse the order's reservation took the units from.
    const reserved = await trx.selectFrom('stock_ledger').select('warehouse_id').where('ref', '=', `order:${id}`).where('product_id', '=', productId).where('kind', '=', 'reservation').executeTakeFirst();
    let q = trx.selectFrom('stock_serials').select('serial').where('product_id', '=', productId).where('status', '=', 'in_stock');
    if (reserved) q = q.where('warehouse_id', '=', reserved.warehouse_id);
    const rows = await q.orderBy('serial').limit(n).execute();
    return rows.length === n ? rows.map((r) => r.serial) : undefined;
  };
  const out = await ordersService.ship(trx, p, id, {
    carrier, tracking: `${carrier.slice(0, 3).toUpperCase()}${Date.now().toString().slice(-8)}`,
    lines: await Promise.all(lines.map(async (l) => ({ lineId: l.id, quantity: Math.max(1, Math.round(Number(l.quantity))), serials: await serialsOf(l.product_id, Math.round(Number(l.quantity))) }))),
  });
  return out.data.at(-1)!.id;
}

export async function loadOrdersDemo(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  if (await db.selectFrom('order_lines').select('id').executeTakeFirst()) return 'orders: none added, the database already has orders';
  const admin = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('users.active', '=', 1).where('roles.is_admin', '=', 1).orderBy('users.created_at').executeTakeFirst();
  const p = admin && (await loadPrincipal(db, admin.id, { kind: 'user' }));
  if (!p) return 'orders: none added, there is no active administrator';
  // The engine's tables are not in the static schema: read loosely, here only.
  const loose = db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const won = (await loose.selectFrom('deals').select('id').where('status', '=', 'won').where('deleted_at', 'is', null).orderBy('created_at').limit(12).execute()) as { id: string }[];
  const products = (await loose.selectFrom('products').select(['id', 'name', 'price', 'kind']).where('deleted_at', 'is', null).where('status', '=', 'active').where('price_currency', '=', 'VND').orderBy('sku').limit(20).execute()) as { id: string; name: string; price: number; kind: string }[];
  const flow = ['paid', 'overdue', 'partial', 'confirmed', 'credited', 'picking', 'issued', 'cancelled', 'completed', 'draft', 'void', 'paid'] as const;
  const counts = { orders: 0, invoices: 0, payments: 0 };
  for (const [i, deal] of won.entries()) {
    const step = flow[i % flow.length]!;
    try {
      await db.transaction().execute(async (trx) => {
        const order = (await ordersService.fromDeal(trx, p, deal.id)) as Rec;
        const stocked = products.filter((x) => x.kind !== 'service');
        if (stocked.length) {
          const a = stocked[i % stocked.length]!;
          const b = products[(i + 3) % products.length]!;
          await ordersService.putLines(trx, p, order.id, [
            { productId: a.id, description: a.name, quantity: 1 + (i % 2), unitPrice: Number(a.price ?? 0), taxRate: 10 },
            ...(b.id !== a.id ? [{ productId: b.id, description: b.name, quantity: 1, unitPrice: Number(b.price ?? 0), taxRate: 8 }] : []),
          ]);
        }
        counts.orders++;
        if (step === 'confirmed') return;
        if (step === 'picking' || step === 'cancelled') {
          await ordersService.setStatus(trx, p, order.id, { status: step === 'picking' ? 'picking' : 'cancelled' });
          return;
        }
        await shipAll(trx, p, order.id, i % 2 ? 'Viettel Post' : 'Giao Hàng Nhanh');
        const delivered = addDays(today(), -40 + i);
        await ordersService.setStatus(trx, p, order.id, { status: 'delivered', date: delivered });
        if (step === 'completed') await ordersService.setStatus(trx, p, order.id, { status: 'completed' });
        const inv = (await ordersService.invoice(trx, p, order.id, {})) as Rec;
        counts.invoices++;
        if (step === 'draft') return;
        const issued = (await invoicesService.issue(trx, p, inv.id, { issueDate: step === 'overdue' ? addDays(today(), -50) : addDays(today(), -10 + (i % 5)) })) as Rec;
        const total = (issued.values.total as { amount: number; currency: string });
        const pay = async (amount: number, method: 'cash' | 'bank_transfer' | 'card') => {
          await paymentsService.record(trx, p, {
            method, ...(method === 'bank_transfer' ? { reference: `FT${26000 + i}` } : {}), amount, currency: total.currency, date: today(),
            companyId: (issued.values.company as string | null) ?? null, contactId: (issued.values.contact as string | null) ?? null, allocations: [{ invoiceId: inv.id, amount }],
          });
          counts.payments++;
        };
        if (step === 'paid' || step === 'completed') await pay(total.amount, i % 3 === 0 ? 'cash' : i % 3 === 1 ? 'bank_transfer' : 'card');
        if (step === 'partial') await pay(Math.round(total.amount / 2), 'bank_transfer');
        if (step === 'credited') { await invoicesService.creditNote(trx, p, inv.id, { reason: 'Hàng trả lại / Goods returned' }); counts.invoices++; }
        if (step === 'void') await invoicesService.voidInvoice(trx, p, inv.id);
        if (step === 'overdue') await invoicesService.settle(trx, p, inv.id);
      });
    } catch (err) {
      ctx.log.warn({ err, deal: deal.id }, 'orders demo: an order was left out');
    }
  }
  return `orders: ${counts.orders} orders from won deals, ${counts.invoices} invoices and credit notes, ${counts.payments} payments`;
}
