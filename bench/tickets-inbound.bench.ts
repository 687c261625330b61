/**
 * Inbound mail figure (issue 16): mail sent over SMTP (nodemailer, pooled, 4 connections) to the built-in listener at
 * a steady rate → stored ticket. Per message: from the start of the SMTP send to `processed_at` of its
 * `ticket_inbound_mail` row (the ticket or the ticket message committed) — p50/p95/max, and lost = accepted by SMTP but
 * not ending as a ticket. Half the mail opens a ticket (a new sender, a new contact), half answers the mail sent 11
 * before it by In-Reply-To (threaded into its ticket); one in five carries a 20 kB attachment. Issue target: p95 ≤ 200 ms at 20 msg/s for
 * 5 minutes; `--seconds` bounds the run (default 60).
 * Usage: node bench/run.mjs tickets-inbound [--db sqlite|postgres|both] [--rate 20] [--seconds 60]
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { startInboundListener } from '../server/src/modules/tickets/tickets.inbound.listener';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const RATE = Number(arg('rate', '20'));
const SECONDS = Number(arg('seconds', '60'));
const which = arg('db', 'both');

const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-inboundbench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl: cluster?.url, mailFrom: 'Support <support@bench.test>' };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  // As `kith start` does (the engine's relation targets are registered there); job and event loops stay off.
  for (const m of modules) await m.start?.(ctx);
  const listener = await startInboundListener(ctx, { port: 0 });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4, maxMessages: Infinity });
  const attachment = Buffer.alloc(20_000, 'a');

  const startedAt = new Map<string, number>();
  const failed: string[] = [];
  const total = RATE * SECONDS;
  const sends: Promise<unknown>[] = [];
  const t0 = performance.now();
  const wall0 = Date.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const messageId = `<bench-${i}-${wall0}@sender.test>`;
    // Every odd message answers the one sent 11 before (half a second earlier at 20/s) by In-Reply-To, as a mail client does.
    const answers = i % 2 === 1 && i >= 11 ? i - 11 : null;
    const subject = answers !== null ? `Re: Request ${answers}` : `Request ${i}: the printer on floor ${i % 9} is jammed`;
    startedAt.set(messageId, wall0 + (performance.now() - t0));
    sends.push(transport.sendMail({
      from: `Customer <customer${answers ?? i}@sender.test>`, to: 'support@bench.test', subject, messageId,
      ...(answers !== null ? { inReplyTo: `<bench-${answers}-${wall0}@sender.test>` } : {}),
      text: `Hello,\n\nMessage ${i}. ${'The details of the problem. '.repeat(20)}\n\nOn Mon, 7 Dec 2026, Support wrote:\n> earlier text\n`,
      ...(i % 5 === 0 ? { attachments: [{ filename: `log-${i}.txt`, content: attachment }] } : {}),
    }).catch((err: Error) => { failed.push(err.message); }));
  }
  await Promise.all(sends);
  const sendSeconds = (performance.now() - t0) / 1000;
  await listener.idle();
  transport.close();
  await listener.close();

  const rows = await database.db.selectFrom('ticket_inbound_mail').select(['message_id', 'status', 'processed_at']).execute();
  const lat: number[] = [];
  let tickets = 0;
  for (const r of rows) {
    if (r.status === 'ticket') tickets++;
    const s = r.message_id ? startedAt.get(r.message_id) : undefined;
    if (s !== undefined && r.processed_at) lat.push(Date.parse(r.processed_at) - s);
  }
  lat.sort((a, b) => a - b);
  const loose = database.db as unknown as Kysely<any>;
  const newTickets = Number((await loose.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const reasons = await database.db.selectFrom('ticket_inbound_mail').select(['status', 'reason']).where('status', '!=', 'ticket').groupBy(['status', 'reason']).execute();
  const result = {
    dialect, rate: RATE, seconds: SECONDS, sent: total, smtpRefused: failed.length, stored: rows.length, ticketed: tickets, newTickets,
    lost: total - failed.length - tickets, achievedRate: +(total / sendSeconds).toFixed(1),
    p50Ms: Math.round(pct(lat, 50)), p95Ms: Math.round(pct(lat, 95)), p99Ms: Math.round(pct(lat, 99)), maxMs: Math.round(lat.at(-1) ?? NaN), targetP95Ms: 200,
  };
  console.log(JSON.stringify(result));
  if (reasons.length) console.log('not ticketed:', reasons.slice(0, 5));
  if (failed.length) console.log('SMTP errors:', [...new Set(failed)].slice(0, 5));
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/tickets-inbound-${dialect}.json`, JSON.stringify(result, null, 2));
  await database.close();
  cluster?.stop();
}

for (const d of which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres']) await run(d);
