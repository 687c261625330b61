/**
 * Orders from an e-commerce integration (`POST /orders` with `externalId`, contracts/orders.ts `externalOrderBody`):
 * idempotent on `<source>:<externalId>` (the order's `external_ref`, unique among live orders), the customer matched
 * by email or phone through the duplicate rules (else created), lines by SKU priced from the catalogue (price lists
 * included) with the product's VAT, stock reserved like any order. One transaction; a concurrent twin that loses
 * the unique index rolls back (its reservation too) and answers the winner's order.
 */
import { externalOrderBody, type ExternalOrderInput } from '../../../../contracts/orders.js';
import { contactInput } from '../../../../contracts/contacts.js';
import type { DocumentLineInput } from '../../../../contracts/invoices.js';
import type { RecordData } from '../../../../contracts/records.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { assertCan, definitionOf, pipeline, reads, type ObjectIntake } from '../../platform/records/index.js';
import { contactsService } from '../contacts/index.js';
import { checkDuplicates } from '../duplicates/index.js';
import { priceFor } from '../products/index.js';
import { ordersRepository as repo } from './orders.repository.js';
import { ordersService } from './orders.service.js';

const refOf = (b: ExternalOrderInput) => `${b.source.toLowerCase()}:${b.externalId}`;

/** The contact the shop's customer is: the best duplicate-rule match by email or phone, else a new contact. */
async function customerOf(trx: Executor, p: Principal, c: ExternalOrderInput['customer'], region: string): Promise<{ contact: string; company: string | null }> {
  const name = [c.givenName, c.familyName].filter(Boolean).join(' ');
  const found = (await checkDuplicates(trx, p, { email: c.email, phone: c.phone, ...(name ? { name } : {}) }, region))[0];
  if (found) return { contact: found.contact.id, company: (await repo.contactCompany(trx, found.contact.id)) ?? null };
  const id = await contactsService.create(trx, p, contactInput.parse({
    givenName: c.givenName || null, familyName: c.familyName || null, source: 'e-commerce',
    ...(c.email ? { emails: [{ address: c.email }] } : {}), ...(c.phone ? { phones: [{ number: c.phone }] } : {}),
  }));
  return { contact: id, company: null };
}

export const ordersIntake = {
  /** 201 with the new order, or 200 with the order already taken in for this source and external id. */
  async take(database: Database, p: Principal, body: ExternalOrderInput, region: string): Promise<{ status: 200 | 201; order: RecordData }> {
    const db = database.db;
    const { def, defs } = await definitionOf(db, 'orders');
    assertCan(p, def.permissionModule, 'create');
    const ref = refOf(body);
    const existing = async () => {
      const id = await repo.orderByExternalRef(db, ref);
      return id ? { status: 200 as const, order: await reads.get(db, def, defs, p, id) } : null;
    };
    const before = await existing();
    if (before) return before;
    try {
      const id = await db.transaction().execute(async (trx) => {
        const products = await repo.productsBySku(trx, body.lines.map((l) => l.sku.toUpperCase()));
        const errors: FieldError[] = [];
        body.lines.forEach((l, i) => {
          const pr = products.get(l.sku.toUpperCase());
          if (!pr) errors.push({ path: `lines.${i}.sku`, message: `no active product has SKU ${l.sku}` });
        });
        if (errors.length) throw new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
        const on = body.orderDate;
        const lines: DocumentLineInput[] = [];
        for (const [i, l] of body.lines.entries()) {
          const pr = products.get(l.sku.toUpperCase())!;
          let unitPrice = l.unitPrice;
          if (unitPrice === undefined) {
            try {
              unitPrice = (await priceFor(trx, { productId: pr.id, currency: body.currency, quantity: l.quantity, ...(on ? { on } : {}) })).unitPrice;
            } catch (err) {
              if (err instanceof AppError) throw new AppError('validation_failed', `lines.${i}.unitPrice: ${err.message}`, [{ path: `lines.${i}.unitPrice`, message: `no price for ${pr.sku} in ${body.currency}: give unitPrice` }]);
              throw err;
            }
          }
          lines.push({ productId: pr.id, description: l.description ?? pr.name, quantity: l.quantity, unitPrice, taxRate: pr.taxRate });
        }
        const who = await customerOf(trx, p, body.customer, region);
        const orderId = await pipeline.create(trx, def, defs, p, {
          values: {
            subject: body.subject ?? `${body.source} #${body.externalId}`, contact: who.contact, company: who.company, currency: body.currency,
            ...(on ? { order_date: on } : {}), ...(body.notes ? { notes: body.notes } : {}),
          },
          derived: { external_ref: ref },
        });
        await ordersService.putLines(trx, p, orderId, lines);
        return orderId;
      });
      return { status: 201, order: await reads.get(db, def, defs, p, id) };
    } catch (err) {
      // A concurrent twin took the reference first: this transaction rolled back; answer the winner's order.
      if (err instanceof AppError && err.fields?.some((f) => f.path === 'values.external_ref')) {
        const after = await existing();
        if (after) return after;
      }
      throw err;
    }
  },
};

/** `POST /orders` with `externalId` (the engine's own create body has none): an order from a shop, taken in above. */
export const orderIntake: ObjectIntake = {
  accepts: (body) => !!body && typeof body === 'object' && 'externalId' in body,
  async take(ctx, p, body) {
    const parsed = externalOrderBody.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('validation_failed', `${fields[0]!.path}: ${fields[0]!.message}`, fields);
    }
    const out = await ordersIntake.take(ctx.database, p, parsed.data, ctx.config.defaultRegion);
    return { status: out.status, body: out.order };
  },
};
