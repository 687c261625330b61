/**
 * IMAP polling of support mailboxes (imapflow). Each poll of a mailbox, under a lease so two workers never read it
 * at once:
 *   1. opens the folder; a UIDVALIDITY other than the stored one starts the UIDs over (Message-ID dedupe guards);
 *   2. finishes what an interrupted poll left: messages stored but still `stored` are processed, then flagged;
 *   3. searches UNSEEN messages above the last UID, and for each, in UID order: stores the raw source AND records
 *      (mailbox, UIDVALIDITY, UID) and the new last UID in ONE transaction, processes it through the same inbound
 *      pipeline as the SMTP listener (tickets.inbound.service.ts), and only then flags it \Seen (or moves it).
 * A crash anywhere leaves either nothing stored (the message is read again) or the UID recorded (it is never
 * stored twice; step 2 completes it). Connection and login errors are kept on the mailbox (`last_error`), never thrown.
 */
import { ImapFlow } from 'imapflow';
import type { MailboxPollResult, MailboxTestResult } from '../../../../contracts/ticket-mailboxes.js';
import type { AppContext } from '../../platform/context.js';
import { nowIso } from '../../platform/ids.js';
import { inboundService } from './tickets.inbound.service.js';
import { DEFAULT_SMTP_MAX_BYTES } from './tickets.inbound.listener.js';
import { imapRepository as repo, type MailboxRow } from './tickets.imap.repository.js';

export const IMAP_POLL_JOB = 'tickets.imap-poll';
/** Messages taken per mailbox and poll (the rest wait for the next poll). */
const MAX_PER_POLL = 100;
/** How long a poll may hold a mailbox before another worker may take it over. */
const LEASE_MS = 10 * 60_000;
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

/** The poll interval from `KITH_IMAP_POLL_SECONDS` (default 60, 10–3600) as a cron pattern. */
export function pollCron(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.KITH_IMAP_POLL_SECONDS;
  const n = raw ? Number(raw) : 60;
  if (!Number.isInteger(n) || n < 10 || n > 3600) throw new Error(`KITH_IMAP_POLL_SECONDS must be a whole number of seconds from 10 to 3600, got ${raw}`);
  return n < 60 ? `*/${n} * * * * *` : `*/${Math.max(1, Math.round(n / 60))} * * * *`;
}

function clientFor(row: Pick<MailboxRow, 'host' | 'port' | 'tls' | 'username' | 'password'>): ImapFlow {
  const client = new ImapFlow({
    host: row.host, port: row.port, secure: !!row.tls, auth: { user: row.username, pass: row.password },
    logger: false, disableAutoIdle: true, ...TIMEOUTS,
  });
  // A dropped connection emits 'error'; without a listener it would crash the worker. The awaited call rejects too.
  client.on('error', () => undefined);
  return client;
}

/** A short readable reason for a failed connection, login or command. */
export function describeImapError(err: unknown): string {
  const e = err as { authenticationFailed?: boolean; code?: string; responseText?: string; message?: string; serverResponseCode?: string };
  if (e?.authenticationFailed) return `authentication failed${e.responseText ? `: ${e.responseText}` : ''}`;
  if (e?.serverResponseCode === 'NONEXISTENT' || /doesn't exist|not exist|unknown mailbox/i.test(e?.responseText ?? '')) return `folder not found${e.responseText ? `: ${e.responseText}` : ''}`;
  const text = e?.responseText || e?.message || String(err);
  return (e?.code && !text.includes(e.code) ? `${e.code}: ${text}` : text).slice(0, 500);
}

async function closeQuietly(client: ImapFlow): Promise<void> {
  try { await client.logout(); } catch { client.close(); }
}

/** Connects, logs in and opens the folder; answers the unseen count or the error. Never throws. */
export async function testConnection(row: Pick<MailboxRow, 'host' | 'port' | 'tls' | 'username' | 'password' | 'folder'>): Promise<MailboxTestResult> {
  const client = clientFor(row);
  try {
    await client.connect();
    const status = await client.status(row.folder, { unseen: true });
    if (!status) return { ok: false, error: `folder not found: ${row.folder}`, unseen: null };
    return { ok: true, error: null, unseen: status.unseen ?? null };
  } catch (err) {
    return { ok: false, error: describeImapError(err), unseen: null };
  } finally {
    await closeQuietly(client);
  }
}

/** Marks messages done in the folder: \Seen, or moved to the mailbox's `move_to`. */
async function markDone(client: ImapFlow, row: MailboxRow, uids: number[]): Promise<void> {
  if (!uids.length) return;
  const range = uids.join(',');
  // imapflow answers false (no throw) when the server refuses: the mail would stay unseen, so it is an error.
  if (row.after_action === 'move' && row.move_to) {
    if (!(await client.messageMove(range, row.move_to, { uid: true }))) throw new Error(`could not move mail to the folder "${row.move_to}"`);
  } else if (!(await client.messageFlagsAdd(range, ['\\Seen'], { uid: true }))) throw new Error('could not flag mail \\Seen');
}

/**
 * Polls one mailbox now. Answers `polled: false` when it is disabled, gone or another worker holds it. An error
 * (login refused, host down, folder missing) ends the poll, is stored on the mailbox and answered, never thrown.
 */
export async function pollMailbox(ctx: AppContext, id: string, opts: { maxBytes?: number } = {}): Promise<MailboxPollResult> {
  const db = ctx.database.db;
  const started = nowIso();
  if (!(await repo.claim(db, id, started, new Date(Date.now() + LEASE_MS).toISOString()))) return { fetched: 0, polled: false, error: null };
  const row = (await repo.get(db, id))!;
  const maxBytes = opts.maxBytes ?? inboundMaxBytes();
  const team = row.team_id;
  let fetched = 0;
  const notes: string[] = [];
  const client = clientFor(row);
  try {
    await client.connect();
    const box = await client.mailboxOpen(row.folder);
    const uv = String(box.uidValidity);
    let lastUid = row.uid_validity === uv ? Number(row.last_uid) : 0;
    if (row.uid_validity !== uv) {
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, { uid_validity: uv, last_uid: 0 });
        await repo.forgetOtherValidity(trx, id, uv, nowIso());
      });
    }

    // What an interrupted poll stored but did not finish: process it (if still stored), then flag it.
    const pending = await repo.unflagged(db, id, uv);
    for (const p of pending) if (p.status === 'stored') await inboundService.process(ctx, p.inbound_id, { team });
    if (pending.length) {
      await markDone(client, row, pending.map((p) => Number(p.uid)));
      await repo.flagged(db, id, uv, pending.map((p) => Number(p.uid)), nowIso());
    }

    // `n:*` always matches the folder's highest UID, even below n: keep only the new ones.
    const found = await client.search({ seen: false, uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b).slice(0, MAX_PER_POLL);
    for (const uid of uids) {
      const msg = await client.fetchOne(String(uid), { uid: true, size: true, source: true }, { uid: true });
      if (!msg || !msg.source) continue; // expunged meanwhile
      const tooBig = msg.source.length > maxBytes;
      const inboundId = await db.transaction().execute(async (trx) => {
        if (await repo.taken(trx, id, uv, uid)) return null;
        await repo.update(trx, id, { last_uid: Math.max(uid, lastUid) });
        if (tooBig) return null;
        const stored = await inboundService.store(ctx.database, Buffer.from(msg.source!), trx);
        await repo.insertMessage(trx, { mailbox_id: id, uid_validity: uv, uid, inbound_id: stored, flagged_at: null, created_at: nowIso() });
        return stored;
      });
      lastUid = Math.max(uid, lastUid);
      if (tooBig) {
        // Left unseen in the folder for a person to handle: it cannot be stored.
        notes.push(`message UID ${uid} (${msg.source.length} bytes) is over the ${maxBytes} bytes limit and was left in the folder`);
        continue;
      }
      if (!inboundId) continue;
      await inboundService.process(ctx, inboundId, { team });
      fetched++;
      await markDone(client, row, [uid]);
      await repo.flagged(db, id, uv, [uid], nowIso());
    }
    await repo.release(db, id, { last_poll_at: started, last_success_at: nowIso(), last_error: notes.length ? notes.join('; ').slice(0, 1000) : null });
    return { fetched, polled: true, error: null };
  } catch (err) {
    const error = describeImapError(err);
    ctx.log.warn({ err, mailboxId: id }, 'IMAP poll failed');
    await repo.release(db, id, { last_poll_at: started, last_error: error });
    return { fetched, polled: true, error };
  } finally {
    await closeQuietly(client);
  }
}

/** The job: polls every enabled mailbox, one after the other. Returns how many messages were taken. */
export async function pollAllMailboxes(ctx: AppContext): Promise<number> {
  let total = 0;
  for (const id of await repo.enabledIds(ctx.database.db)) total += (await pollMailbox(ctx, id)).fetched;
  return total;
}

function inboundMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const max = Number(env.KITH_SMTP_MAX_BYTES);
  return Number.isInteger(max) && max > 0 ? max : DEFAULT_SMTP_MAX_BYTES;
}

/** Registers the poll job and its schedule (`KITH_IMAP_POLL_SECONDS`). */
export async function startImapPolling(ctx: AppContext): Promise<void> {
  ctx.services.jobs.register(IMAP_POLL_JOB, () => pollAllMailboxes(ctx));
  await ctx.services.jobs.schedule(IMAP_POLL_JOB, pollCron(), IMAP_POLL_JOB, {});
}
