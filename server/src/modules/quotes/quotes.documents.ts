/**
 * A quote as a document: its PDF (platform/documents with the workspace's company name, address and logo), sending
 * it by email with a one-time public accept/decline link, and that public link's page and answers.
 *
 * Sending: checks, renders and mails first, then records `sent` and the link (its SHA-256 only) in one
 * transaction; the platform's mailer must not be called inside a transaction (SQLite has one writer).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PublicQuote, quoteSendBody } from '../../../../contracts/quotes.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { amountInWords, formatDocumentDate, formatMoney, renderDocumentPdf, type DocumentLang } from '../../platform/documents/index.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { definitionOf, pipeline, rowValues, recordsRepository } from '../../platform/records/index.js';
import { workspaceLogo, workspaceSettings } from '../workspace/index.js';
import { quotesRepository as repo } from './quotes.repository.js';
import { presentLine, totalsOf, visibleQuote } from './quotes.service.js';

const today = () => new Date().toISOString().slice(0, 10);
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function addressText(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const list = JSON.parse(raw) as Array<Record<string, unknown>>;
    const a = list[0];
    if (!a) return null;
    return ['street', 'city', 'region', 'postalCode', 'country'].map((k) => a[k]).filter((x) => typeof x === 'string' && x).join(', ') || null;
  } catch { return null; }
}

export function langOf(asked: string | undefined, values: Record<string, unknown>, p?: Principal | null): DocumentLang {
  const l = asked ?? (typeof values.language === 'string' ? values.language : undefined) ?? p?.locale;
  return l === 'vi' ? 'vi' : 'en';
}

/** Everything a document or the public page shows of a quote. */
async function documentOf(ex: Executor, id: string, values: Record<string, unknown>) {
  const currency = String(values.currency ?? 'VND');
  const rows = await repo.lines(ex, id);
  const totals = totalsOf(rows, currency);
  const ws = await workspaceSettings(ex);
  const customer = await repo.customer(ex, (values.company as string | null) ?? null, (values.contact as string | null) ?? null);
  return { currency, rows, totals, ws, customer };
}

export async function quotePdf(ex: Executor, id: string, values: Record<string, unknown>, lang: DocumentLang): Promise<{ pdf: Buffer; filename: string }> {
  const { currency, rows, totals, ws, customer } = await documentOf(ex, id, values);
  const logo = await workspaceLogo(ex);
  const number = `${String(values.number)}${Number(values.revision ?? 1) > 1 ? ` v${Number(values.revision)}` : ''}`;
  const details = [];
  if (values.valid_until) details.push({ label: lang === 'vi' ? 'Hiệu lực đến' : 'Valid until', value: formatDocumentDate(String(values.valid_until), lang) });
  if (values.title) details.push({ label: lang === 'vi' ? 'Nội dung' : 'Subject', value: String(values.title) });
  const pdf = await renderDocumentPdf({
    kind: 'quote', number, date: String(values.sent_at ?? nowIso()).slice(0, 10), lang, details,
    company: { name: ws.companyName || 'Kith', address: ws.address || null, logo: logo?.bytes ?? null },
    customer: {
      name: customer.companyName ?? customer.contactName ?? '—',
      address: addressText(customer.companyAddresses),
      email: customer.companyName && customer.contactName ? `${customer.contactName}${customer.email ? ` <${customer.email}>` : ''}` : customer.email,
    },
    lines: rows.map((r) => ({ ...presentLine(r), discountPercent: r.discount_percent === null ? null : Number(r.discount_percent) })),
    totals, words: amountInWords(totals.total, currency, lang), notes: (values.notes as string | null) ?? null,
  });
  return { pdf, filename: `${number.replace(/\s+/g, '-')}.pdf` };
}

const MAIL = {
  en: (number: string, company: string, total: string, validUntil: string | null, link: string, message?: string) => ({
    subject: `Quote ${number} from ${company}`,
    text: `${message ? `${message}\n\n` : ''}Please find attached our quote ${number} for ${total}${validUntil ? `, valid until ${validUntil}` : ''}.\n\nAccept or decline it here (the link works once): ${link}\n\n${company}`,
  }),
  vi: (number: string, company: string, total: string, validUntil: string | null, link: string, message?: string) => ({
    subject: `Báo giá ${number} từ ${company}`,
    text: `${message ? `${message}\n\n` : ''}Kính gửi Quý khách báo giá ${number}, tổng giá trị ${total}${validUntil ? `, có hiệu lực đến ${validUntil}` : ''} (tệp đính kèm).\n\nQuý khách có thể chấp nhận hoặc từ chối tại đây (liên kết chỉ dùng được một lần): ${link}\n\n${company}`,
  }),
};

/** Sends a draft quote: PDF attached, a public link with a random token (stored hashed). 409 when not sendable. */
export async function sendQuote(ctx: AppContext, p: Principal, id: string, body: z.output<typeof quoteSendBody>, expected?: number) {
  const db = ctx.database.db;
  const q = await visibleQuote(db, p, id, 'update');
  const v = q.values;
  if (v.status === 'pending_approval') throw new AppError('conflict', 'approval: the discount needs a manager\'s approval before sending', [{ path: 'approval', message: 'pending' }]);
  if (v.status !== 'draft') throw conflict(`status: only a draft quote can be sent (it is ${String(v.status)})`);
  if (await repo.countLines(db, id) === 0) throw invalid('items', 'add at least one line before sending');
  if (!v.valid_until) throw invalid('values.valid_until', 'set how long the quote is valid before sending');
  if (String(v.valid_until) < today()) throw invalid('values.valid_until', 'the quote has expired; set a later date');
  const customer = await repo.customer(db, (v.company as string | null) ?? null, (v.contact as string | null) ?? null);
  const to = body.to ?? customer.email;
  if (!to) throw invalid('to', 'the contact has no email address; give one');
  if (!ctx.services.mail.configured()) throw new AppError('unavailable', 'mail: sending email is not set up (SMTP_URL)');
  const lang = langOf(body.lang, v, p);
  const token = randomBytes(32).toString('base64url');
  const link = `${ctx.config.baseUrl.replace(/\/$/, '')}/q/${token}`;
  const { pdf, filename } = await quotePdf(db, id, v, lang);
  const ws = await workspaceSettings(db);
  const company = ws.companyName || 'Kith';
  const total = v.total as { amount: number; currency: string };
  const mail = MAIL[lang](filename.replace(/\.pdf$/, ''), company, formatMoney(total.amount, total.currency, lang), v.valid_until ? formatDocumentDate(String(v.valid_until), lang) : null, link, body.message);
  await ctx.services.mail.send({ to, subject: mail.subject, text: mail.text, fromName: company, attachments: [{ filename, content: pdf, contentType: 'application/pdf' }] });
  await db.transaction().execute(async (trx) => {
    const fresh = await visibleQuote(trx, p, id, 'update');
    if (fresh.values.status !== 'draft' || (expected !== undefined && fresh.version !== expected && fresh.version !== q.version)) throw conflict('status: the quote changed while it was being sent');
    await repo.addLink(trx, { id: newId(), quote_id: id, token_hash: hashToken(token), email: to, created_at: nowIso() });
    await pipeline.update(trx, fresh.def, fresh.defs, p, id, { derived: { status: 'sent', sent_at: nowIso(), sent_to: to } });
  });
  return { id, status: 'sent', sentTo: to, link };
}

/** The principal public answers are written as (record events show "Customer link"). */
export function customerLinkPrincipal(): Principal {
  return {
    kind: 'user', userId: 'system-quote-link', email: 'quote-link@system', name: 'Customer link', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}

async function byToken(ex: Executor, token: string) {
  const link = await repo.linkByHash(ex, hashToken(token));
  if (!link) throw notFound('quote link');
  const { def, defs } = await definitionOf(ex, 'quotes');
  const row = await recordsRepository.get(ex, def, link.quote_id);
  if (!row || row.deleted_at) throw notFound('quote link');
  return { link, def, defs, values: rowValues(def, row) };
}

/** The public page's view of a quote (no sign-in; the token is the key). */
export async function publicView(ex: Executor, token: string): Promise<PublicQuote> {
  const { link, values } = await byToken(ex, token);
  const { totals, rows, ws, customer, currency } = await documentOf(ex, link.quote_id, values);
  const expired = !!values.valid_until && String(values.valid_until) < today();
  return {
    number: String(values.number), revision: Number(values.revision ?? 1), title: (values.title as string | null) ?? null, status: String(values.status),
    validUntil: (values.valid_until as string | null) ?? null, expired,
    canAnswer: !expired && values.status === 'sent' && !link.used_at && !link.revoked_at,
    company: { name: ws.companyName || 'Kith', address: ws.address || null, hasLogo: !!(await workspaceLogo(ex)) },
    customer: { name: customer.companyName ?? customer.contactName },
    lines: rows.map((r) => { const l = presentLine(r); return { description: l.description, unit: l.unit, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, discount: l.discount, taxRate: l.taxRate, net: l.net }; }),
    totals, words: { en: amountInWords(totals.total, currency, 'en'), vi: amountInWords(totals.total, currency, 'vi') },
    language: langOf(undefined, values), notes: (values.notes as string | null) ?? null,
    decidedAt: (values.decided_at as string | null) ?? null, decidedByName: (values.decided_by_name as string | null) ?? null,
  };
}

export async function publicPdf(ex: Executor, token: string, lang?: string) {
  const { link, values } = await byToken(ex, token);
  return quotePdf(ex, link.quote_id, values, langOf(lang, values));
}

/**
 * The customer accepts or declines: name, time and IP recorded; the link works once (410 after); an expired quote
 * is a 422 naming `validUntil`; a revised or withdrawn one a 410.
 */
export async function answer(trx: Executor, token: string, decision: 'accepted' | 'declined', body: { name: string; reason?: string }, ip: string) {
  const { link, def, defs, values } = await byToken(trx, token);
  if (link.used_at) throw new AppError('gone', 'token: this link was already used', [{ path: 'token', message: 'already used' }]);
  if (link.revoked_at || values.status !== 'sent') throw new AppError('gone', `token: the quote is ${String(values.status)}; this link no longer works`, [{ path: 'token', message: 'no longer valid' }]);
  if (values.valid_until && String(values.valid_until) < today()) {
    throw new AppError('unprocessable', `validUntil: the quote expired on ${String(values.valid_until)}`, [{ path: 'validUntil', message: 'the quote has expired' }]);
  }
  const at = nowIso();
  if (!(await repo.useLink(trx, link.id, at))) throw new AppError('gone', 'token: this link was already used', [{ path: 'token', message: 'already used' }]);
  await pipeline.update(trx, def, defs, customerLinkPrincipal(), link.quote_id, {
    derived: { status: decision, decided_at: at, decided_by_name: body.name, decided_ip: ip, decline_reason: decision === 'declined' ? body.reason ?? null : null },
  });
  return { status: decision, decidedAt: at };
}
