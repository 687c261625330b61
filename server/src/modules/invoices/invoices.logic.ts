/**
 * Pure calculations of invoices: line and document totals in integer minor units, numbers of a series, due dates
 * and the status an invoice's figures give it.
 */
import { storedLineFigures } from '../../platform/documents/index.js';

export interface LineInput { quantity: number; unitPrice: number; discountPercent: number; discountAmount: number; taxRate: number }
export interface LineFigures { net: number; tax: number; total: number }

/**
 * One line under the documents' one rounding rule (platform/documents `storedLineFigures`): gross = round(quantity ×
 * unit price); net = gross − round(gross × discount%) − discount amount; tax = round(net × rate%); total = net + tax,
 * each step rounded half up, exactly; a negative quantity (a credit note) gives the positive line's figures negated.
 *
 * @example lineFigures({ quantity: 3, unitPrice: 33_333, discountPercent: 10, discountAmount: 0, taxRate: 8 })
 *   → { net: 89_999, tax: 7_200, total: 97_199 }  (99,999 − 10,000; 7,199.92 rounds to 7,200)
 */
export function lineFigures(l: LineInput): LineFigures {
  const { net, tax, total } = storedLineFigures(l);
  return { net, tax, total };
}

/** Sums of a document's lines: subtotal (nets), tax, total. Sum of line totals = total, always. */
export function documentFigures(lines: LineFigures[]): { subtotal: number; taxTotal: number; total: number } {
  let subtotal = 0;
  let taxTotal = 0;
  for (const l of lines) { subtotal += l.net; taxTotal += l.tax; }
  return { subtotal, taxTotal, total: subtotal + taxTotal };
}

export const seriesPrefix = { invoice: 'INV', credit_note: 'CN', payment: 'PAY', order: 'ORD', shipment: 'SHP' } as const;
export type SeriesKind = keyof typeof seriesPrefix;

/** @example documentNumber('invoice', 2026, 1) → 'INV-2026-000001' */
export function documentNumber(kind: SeriesKind, year: number, n: number): string {
  return `${seriesPrefix[kind]}-${year}-${String(n).padStart(6, '0')}`;
}

/** @example addDays('2026-12-07', 30) → '2027-01-06' */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const today = () => new Date().toISOString().slice(0, 10);

export const invoiceStatuses = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'credited', 'void'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/**
 * The status an issued invoice's figures give it: nothing left → paid (credited when no money came in);
 * past its due date → overdue; some paid or credited → partially paid; else issued. Drafts and void invoices keep theirs.
 */
export function statusOf(i: { status: InvoiceStatus; kind: string; total: number; paid: number; credited: number; dueDate: string | null }, on = today()): InvoiceStatus {
  if (i.status === 'draft' || i.status === 'void' || i.kind === 'credit_note') return i.status;
  const balance = i.total - i.paid - i.credited;
  if (balance <= 0) return i.paid === 0 && i.credited > 0 ? 'credited' : 'paid';
  if (i.dueDate && i.dueDate < on) return 'overdue';
  if (i.paid > 0 || i.credited > 0) return 'partially_paid';
  return 'issued';
}

/** Days after the due date at which an overdue reminder goes out, once each. */
export const reminderSteps = [1, 7, 14, 30] as const;

/** The last reminder step an invoice `daysOverdue` past due has reached, or null. */
export function reminderStep(daysOverdue: number): number | null {
  let step: number | null = null;
  for (const s of reminderSteps) if (daysOverdue >= s) step = s;
  return step;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
