/** Row types of the invoices module's own tables (the `invoices` and `payments` tables are engine tables). */
declare module '../../platform/db/schema.js' {
  interface DB {
    invoice_lines: InvoiceLinesTable;
    document_series: DocumentSeriesTable;
    payment_allocations: PaymentAllocationsTable;
    invoice_reminders: InvoiceRemindersTable;
  }
}

/** One line of an invoice or credit note (a credit note's quantities are negative); figures in minor units. */
export interface InvoiceLinesTable {
  id: string; invoice_id: string; position: number; product_id: string | null; order_line_id: string | null; shipment_id: string | null;
  description: string; quantity: number; unit_price: number; discount_percent: number; discount_amount: number; tax_rate: number;
  net: number; tax: number; total: number;
}
/** A numbering series (`INV-2026`): the last number taken. Its row is locked by the issuing transaction. */
export interface DocumentSeriesTable { key: string; value: number }
export interface PaymentAllocationsTable { id: string; payment_id: string; invoice_id: string; amount: number; created_at: string }
/** An overdue reminder sent (or queued) for one step of the schedule: at most one per invoice and step. */
export interface InvoiceRemindersTable { invoice_id: string; step: number; queued_at: string }
