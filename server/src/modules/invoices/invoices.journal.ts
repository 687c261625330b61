/**
 * The accounting journal (`GET /invoices/journal?from&to&format=csv|xlsx`): one row per invoice and credit note
 * issued in the period (by issue date, void ones included with their status) and per payment received in it (by
 * payment date). Amounts in major units of the row's currency with its decimals (VND 0, USD 2); credit notes are
 * negative. Columns: contracts/invoices.ts `journalColumns`, described in README.md.
 */
import Excel from 'exceljs';
import { journalColumns } from '../../../../contracts/invoices.js';
import type { Executor } from '../../platform/db/db.js';
import { digits } from './invoices.jobs.js';
import { invoicesRepository as repo } from './invoices.repository.js';

type Cell = string | number;

/** A text cell a spreadsheet would run (= + - @ tab CR) gets a leading apostrophe (same rule as the records export). */
const neutralise = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

const major = (minor: unknown, currency: string): string => (Number(minor ?? 0) / 10 ** digits(currency)).toFixed(digits(currency));

export async function journalRows(ex: Executor, from: string, to: string): Promise<Cell[][]> {
  const rows: { sort: string; cells: Cell[] }[] = [];
  for (const i of await repo.journalInvoices(ex, from, to)) {
    const cur = String(i.currency);
    rows.push({
      sort: `${String(i.issue_date)} 0 ${String(i.number)}`,
      cells: [String(i.issue_date), String(i.kind), String(i.number ?? ''), String(i.status), String(i.customer ?? ''), cur, major(i.subtotal, cur), major(i.tax_total, cur),
        major(i.total, cur), String(i.due_date ?? ''), '', '', String(i.applies_to ?? '')],
    });
  }
  const payments = await repo.journalPayments(ex, from, to);
  const applies = await repo.allocatedInvoiceNumbers(ex, payments.map((p) => String(p.id)));
  for (const p of payments) {
    const cur = String(p.amount_currency);
    rows.push({
      sort: `${String(p.paid_on)} 1 ${String(p.number)}`,
      cells: [String(p.paid_on), 'payment', String(p.number), 'received', String(p.customer ?? ''), cur, major(p.amount, cur), major(0, cur), major(p.amount, cur), '',
        String(p.method), String(p.reference ?? ''), (applies.get(String(p.id)) ?? []).join(' ')],
    });
  }
  rows.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return [[...journalColumns], ...rows.map((r) => r.cells)];
}

const csvCell = (c: Cell) => {
  const s = typeof c === 'number' || /^-?\d+(\.\d+)?$/.test(c) ? String(c) : neutralise(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function journalCsv(rows: Cell[][]): string {
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** XLSX with amounts as numbers (columns net, tax, total). */
export async function journalXlsx(rows: Cell[][]): Promise<Buffer> {
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('Journal');
  const amountCols = new Set(['net', 'tax', 'total'].map((c) => journalColumns.indexOf(c as (typeof journalColumns)[number])));
  rows.forEach((r, n) => ws.addRow(r.map((c, i) => (n > 0 && amountCols.has(i) ? Number(c) : typeof c === 'string' ? neutralise(c) : c))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
