import type { Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable, createUniqueIndex, type ColumnKind } from '../../platform/db/records-ddl.js';

/** Frozen: never edit a migration that has landed; add a new one. */
export const invoicesMigrations: MigrationSet = {
  '20261208_0100_invoices_payments': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'invoices');
      const money = (c: string): [string, ColumnKind][] => [[c, 'bigint'], [`${c}_currency`, 'text']];
      const invoiceColumns: [string, ColumnKind][] = [
        ['subject', 'text'], ['number', 'text'], ['kind', 'text'], ['status', 'text'], ['company', 'text'], ['contact', 'text'], ['order_id', 'text'],
        ['credit_for', 'text'], ['currency', 'text'], ['issue_date', 'text'], ['payment_terms', 'real'], ['due_date', 'text'],
        ...money('subtotal'), ...money('tax_total'), ...money('total'), ...money('amount_paid'), ...money('amount_credited'), ...money('balance'),
        ['notes', 'text'],
      ];
      for (const [c, kind] of invoiceColumns) await addObjectColumn(ex, dialect, 'invoices', c, kind);
      await createUniqueIndex(ex, 'invoices', 'number');
      for (const c of ['number', 'subject', 'kind', 'status', 'company', 'contact', 'order_id', 'credit_for', 'issue_date', 'due_date', 'total', 'balance']) {
        await createFieldIndex(ex, dialect, 'invoices', c, c === 'status' || c === 'kind');
      }

      await createObjectTable(ex, dialect, 'payments');
      const paymentColumns: [string, ColumnKind][] = [
        ['number', 'text'], ['method', 'text'], ['reference', 'text'], ...money('amount'), ['paid_on', 'text'], ['company', 'text'], ['contact', 'text'],
        ...money('allocated'), ...money('unallocated'), ['notes', 'text'],
      ];
      for (const [c, kind] of paymentColumns) await addObjectColumn(ex, dialect, 'payments', c, kind);
      await createUniqueIndex(ex, 'payments', 'number');
      for (const c of ['number', 'method', 'reference', 'amount', 'paid_on', 'company', 'contact', 'unallocated']) {
        await createFieldIndex(ex, dialect, 'payments', c, c === 'method');
      }

      await db.schema.createTable('invoice_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('invoice_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('order_line_id', 'text')
        .addColumn('shipment_id', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', 'real', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addColumn('discount_percent', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('discount_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('tax_rate', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('net', 'bigint', (c) => c.notNull())
        .addColumn('tax', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('invoice_lines_invoice').on('invoice_lines').columns(['invoice_id', 'position']).execute();
      await db.schema.createIndex('invoice_lines_order_line').on('invoice_lines').columns(['order_line_id']).execute();
      await db.schema.createTable('document_series')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createTable('payment_allocations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('payment_id', 'text', (c) => c.notNull())
        .addColumn('invoice_id', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payment_allocations_payment').on('payment_allocations').columns(['payment_id']).execute();
      await db.schema.createIndex('payment_allocations_invoice').on('payment_allocations').columns(['invoice_id']).execute();
      await db.schema.createTable('invoice_reminders')
        .addColumn('invoice_id', 'text', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('queued_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('invoice_reminders_pk', ['invoice_id', 'step'])
        .execute();
    },
  },
};
