/**
 * The daily overdue sweep: issued and partially paid invoices past their due date become overdue (through the
 * engine, as the system), and each overdue invoice's contact is emailed a reminder once per step of the schedule
 * (1, 7, 14, 30 days past due). The step's claim row (`invoice_reminders`, key invoice + step) and the job's
 * unique key `invoice-reminder:<id>:<step>` make it once, even with two workers; the mail goes from its own job.
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { nowIso } from '../../platform/ids.js';
import { definitionOf, rowValues } from '../../platform/records/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { daysBetween, reminderStep, today } from './invoices.logic.js';
import { invoicesRepository as repo } from './invoices.repository.js';
import { invoicesService } from './invoices.service.js';

export const OVERDUE_JOB = 'invoices.overdue';
export const REMINDER_JOB = 'invoices.reminder';
export interface ReminderPayload { invoiceId: string; step: number }

/** The principal the sweep writes as (record events show "Billing"). */
export function billingPrincipal(): Principal {
  return {
    kind: 'user', userId: 'system-billing', email: 'billing@system', name: 'Billing', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}

/** Marks past-due invoices overdue and queues the reminders due; returns how many reminders were queued. */
export async function overdueSweep(ctx: AppContext, on = today()): Promise<number> {
  const db = ctx.database.db;
  const p = billingPrincipal();
  for (const id of await repo.pastDue(db, on)) {
    await db.transaction().execute((trx) => invoicesService.settle(trx, p, id));
  }
  let queued = 0;
  for (const inv of await repo.overdue(db)) {
    const step = reminderStep(daysBetween(inv.due_date, on));
    if (step === null) continue;
    await db.transaction().execute(async (trx) => {
      if (!(await repo.claimReminder(trx, inv.id, step, nowIso()))) return;
      await enqueue(trx, REMINDER_JOB, { invoiceId: inv.id, step } satisfies ReminderPayload, { uniqueKey: `invoice-reminder:${inv.id}:${step}`, maxAttempts: 5 });
      queued++;
    });
  }
  return queued;
}

const words = {
  en: (n: string, due: string, balance: string) => ({ subject: `Payment reminder: invoice ${n}`, text: `Invoice ${n} was due on ${due}. The amount still open is ${balance}.\nIf you have already paid, please ignore this message.` }),
  vi: (n: string, due: string, balance: string) => ({ subject: `Nhắc thanh toán: hoá đơn ${n}`, text: `Hoá đơn ${n} đã đến hạn thanh toán ngày ${due}. Số tiền còn phải thanh toán là ${balance}.\nNếu quý khách đã thanh toán, xin vui lòng bỏ qua thư này.` }),
};

/** Sends one reminder (outside any transaction). Skipped when the invoice was settled meanwhile or has no email. */
export async function sendReminder(ctx: AppContext, payload: ReminderPayload): Promise<'sent' | 'skipped'> {
  const db = ctx.database.db;
  const { def } = await definitionOf(db, 'invoices');
  const row = await repo.raw(db, 'invoices', payload.invoiceId);
  if (!row || row.deleted_at !== null) return 'skipped';
  const v = rowValues(def, row as never);
  if (v.status !== 'overdue') return 'skipped';
  const to = await repo.recipient(db, (v.contact as string | null) ?? null);
  if (!to) return 'skipped';
  const ws = await workspaceSettings(db);
  const balance = v.balance as { amount: number; currency: string };
  const lang = ws.defaultLanguage === 'vi' ? 'vi' : 'en';
  const money = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'currency', currency: balance.currency }).format(balance.amount / 10 ** digits(balance.currency));
  const m = words[lang](String(v.number), String(v.due_date), money);
  await ctx.services.mail.send({ to: to.email, subject: m.subject, text: m.text, fromName: ws.companyName || 'Kith' });
  return 'sent';
}

/** Minor-unit digits of a currency (VND 0, USD 2). */
export function digits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
