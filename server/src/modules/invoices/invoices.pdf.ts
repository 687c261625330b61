/**
 * An invoice or credit note as PDF (`GET /invoices/{id}/pdf?lang=en|vi`) through the shared document renderer
 * (platform/documents: pdfkit with an embedded TTF, amounts in words). Figures are the invoice's own (its lines'
 * rounding, invoices.logic.ts); a draft has no number and is refused (409).
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { amountInWords, renderDocumentPdf, storedLineFigures, type DocumentTotals } from '../../platform/documents/index.js';
import { AppError } from '../../platform/http/errors.js';
import { assertCan, definitionOf, loadLive, rowValues } from '../../platform/records/index.js';
import { workspaceLogo, workspaceSettings } from '../workspace/index.js';
import { invoicesRepository as repo } from './invoices.repository.js';

export async function invoicePdf(ex: Executor, p: Principal, id: string, lang: 'en' | 'vi'): Promise<{ number: string; pdf: Buffer }> {
  const { def } = await definitionOf(ex, 'invoices');
  assertCan(p, def.permissionModule, 'read');
  const v = rowValues(def, await loadLive(ex, def, p, id));
  if (v.status === 'draft' || typeof v.number !== 'string') throw new AppError('conflict', 'values.status: a draft has no PDF; issue it first', [{ path: 'values.status', message: 'draft' }]);
  const currency = String(v.currency);
  const lines = await repo.lines(ex, id);
  const rows = lines.map((l) => {
    const { gross } = storedLineFigures({ quantity: Number(l.quantity), unitPrice: Number(l.unit_price), discountPercent: 0, discountAmount: 0, taxRate: 0 });
    return { description: l.description, quantity: Number(l.quantity), unitPrice: Number(l.unit_price), discount: gross - Number(l.net), discountPercent: Number(l.discount_percent) || null, taxRate: Number(l.tax_rate), net: Number(l.net), tax: Number(l.tax), total: Number(l.total), gross };
  });
  const buckets = new Map<number, { rate: number; base: number; tax: number }>();
  for (const r of rows) {
    const b = buckets.get(r.taxRate) ?? { rate: r.taxRate, base: 0, tax: 0 };
    b.base += r.net;
    b.tax += r.tax;
    buckets.set(r.taxRate, b);
  }
  const sum = (k: 'gross' | 'discount' | 'net' | 'tax' | 'total') => rows.reduce((s, r) => s + r[k], 0);
  const totals: DocumentTotals = { currency, subtotal: sum('gross'), discount: sum('discount'), net: sum('net'), tax: sum('tax'), total: sum('total'), taxes: [...buckets.values()].sort((a, b) => a.rate - b.rate) };
  const customer = await customerOf(ex, (v.company as string | null) ?? null, (v.contact as string | null) ?? null);
  const ws = await workspaceSettings(ex);
  const logo = await workspaceLogo(ex);
  const credit = v.kind === 'credit_note';
  const label = lang === 'vi' ? { due: 'Hạn thanh toán', for: 'Điều chỉnh cho hoá đơn' } : { due: 'Due date', for: 'Credits invoice' };
  const forNumber = credit && typeof v.credit_for === 'string' ? String((await repo.raw(ex, 'invoices', v.credit_for))?.number ?? '') : '';
  const pdf = await renderDocumentPdf({
    kind: credit ? 'credit_note' : 'invoice', number: v.number, date: String(v.issue_date ?? ''), lang,
    company: { name: ws.companyName || 'Kith', address: (ws as { address?: string | null }).address ?? null, logo: logo?.bytes ?? null },
    customer, lines: rows, totals, words: amountInWords(Math.abs(totals.total), currency, lang), notes: (v.notes as string | null) ?? null,
    details: credit ? [{ label: label.for, value: forNumber }] : v.due_date ? [{ label: label.due, value: String(v.due_date) }] : [],
  });
  return { number: v.number, pdf };
}

async function customerOf(ex: Executor, companyId: string | null, contactId: string | null): Promise<{ name: string; email?: string | null }> {
  const company = companyId ? await ex.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirst() : undefined;
  const contact = contactId ? await repo.recipient(ex, contactId) : null;
  const name = company?.name ?? contact?.name ?? (contactId ? (await ex.selectFrom('contacts').select('display_name').where('id', '=', contactId).executeTakeFirst())?.display_name : undefined);
  return { name: name ?? '—', email: contact?.email ?? null };
}
