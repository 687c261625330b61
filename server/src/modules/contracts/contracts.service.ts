/**
 * Contracts' use cases beside the engine's generic routes: a contract from an accepted quote, renewal (a new deal
 * and, for a contract from a quote, a new draft quote with the same lines), signed files, and the daily reminder
 * before the end (a task for the owner through the tasks definition, exactly once per end date, and a notification).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { contractFromQuoteBody } from '../../../../contracts/quotes.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, rowValues, type ObjectDefinition } from '../../platform/records/index.js';
import { notify } from '../notifications/index.js';
import { copyQuoteLines, createQuoteFromDeal, visibleQuote } from '../quotes/index.js';
import './contracts.tables.js';

const DAY = 86_400_000;
const dateIn = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

async function visibleContract(ex: Executor, p: Principal, id: string, action: 'read' | 'update') {
  const { def, defs } = await definitionOf(ex, 'contracts');
  assertCan(p, def.permissionModule, action);
  const row = await loadLive(ex, def, p, id);
  return { def, defs, values: rowValues(def, row), ownerId: row.owner_id };
}

/** A contract from an accepted quote: its parties, deal, value (the total) and notes as terms; one year by default. */
export async function contractFromQuote(trx: Executor, p: Principal, quoteId: string, body: z.output<typeof contractFromQuoteBody>): Promise<{ id: string }> {
  const q = await visibleQuote(trx, p, quoteId, 'read');
  if (q.values.status !== 'accepted') throw conflict(`status: only an accepted quote becomes a contract (it is ${String(q.values.status)})`);
  const { def, defs } = await definitionOf(trx, 'contracts');
  assertCan(p, def.permissionModule, 'create');
  const start = body.startDate ?? today();
  const id = await pipeline.create(trx, def, defs, p, {
    values: {
      title: `${String(q.values.title ?? q.values.number)}`, status: 'active', company: q.values.company ?? null, contact: q.values.contact ?? null,
      start_date: start, end_date: body.endDate ?? dateIn(start, 365), value: q.values.total ?? null, renewal: body.renewal ?? 'manual',
      terms: q.values.notes ?? null, deal: q.values.deal ?? null,
    },
    derived: { quote: quoteId },
  });
  return { id };
}

/**
 * Renews a contract: a new open deal for the same parties and value (name "Renewal: …" / "Gia hạn: …"), and when the
 * contract came from a quote, a draft quote on that deal with the same lines. The contract becomes `renewed`.
 */
export async function renewContract(trx: Executor, p: Principal, id: string): Promise<{ dealId: string; quoteId: string | null }> {
  const c = await visibleContract(trx, p, id, 'update');
  if (c.values.status === 'renewed') throw conflict('status: the contract was already renewed');
  const deals = await definitionOf(trx, 'deals');
  assertCan(p, deals.def.permissionModule, 'create');
  const title = String(c.values.title);
  const dealId = await pipeline.create(trx, deals.def, deals.defs, p, {
    values: {
      name: p.locale === 'vi' ? `Gia hạn: ${title}` : `Renewal: ${title}`, company: c.values.company ?? null, contact: c.values.contact ?? null,
      amount: c.values.value ?? null, close_date: (c.values.end_date as string | null) ?? null,
    },
  });
  let quoteId: string | null = null;
  if (typeof c.values.quote === 'string') {
    quoteId = (await createQuoteFromDeal(trx, p, { dealId })).id;
    await copyQuoteLines(trx, p, c.values.quote, quoteId);
  }
  await pipeline.update(trx, c.def, c.defs, p, id, { values: { status: 'renewed' }, derived: { renewal_deal: dealId } });
  return { dealId, quoteId };
}

const FILE_TYPES: Record<string, string> = { 'application/pdf': '%PDF', 'image/png': '\x89PNG', 'image/jpeg': '\xff\xd8\xff' };
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export async function addFile(trx: Executor, p: Principal, id: string, body: { filename: string; contentType: string; data: string }) {
  await visibleContract(trx, p, id, 'update');
  const bytes = Buffer.from(body.data, 'base64');
  if (bytes.length === 0) throw invalid('data', 'expected the file as base64');
  if (bytes.length > MAX_FILE_BYTES) throw new AppError('payload_too_large', 'data: the file is larger than 5 MiB', [{ path: 'data', message: 'larger than 5 MiB' }]);
  const magic = FILE_TYPES[body.contentType];
  if (!magic) throw new AppError('unsupported_media_type', 'contentType: only PDF, PNG or JPEG', [{ path: 'contentType', message: 'only PDF, PNG or JPEG' }]);
  if (bytes.subarray(0, magic.length).toString('latin1') !== magic) throw new AppError('unsupported_media_type', 'data: the bytes are not a ' + body.contentType + ' file', [{ path: 'data', message: 'does not match the content type' }]);
  const row = {
    id: newId(), contract_id: id, filename: body.filename.replace(/[/\\\0]/g, '_').slice(0, 200), content_type: body.contentType, size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), data: bytes.toString('base64'), created_at: nowIso(), created_by: p.userId,
  };
  await trx.insertInto('contract_files').values(row).execute();
  return presentFile(row);
}

const presentFile = (r: { id: string; filename: string; content_type: string; size: number; created_at: string }) =>
  ({ id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size), createdAt: r.created_at });

export async function listFiles(ex: Executor, p: Principal, id: string) {
  await visibleContract(ex, p, id, 'read');
  const rows = await ex.selectFrom('contract_files').select(['id', 'filename', 'content_type', 'size', 'created_at']).where('contract_id', '=', id).orderBy('created_at').orderBy('id').execute();
  return { data: rows.map(presentFile) };
}

export async function openFile(ex: Executor, p: Principal, id: string, fileId: string) {
  await visibleContract(ex, p, id, 'read');
  const row = await ex.selectFrom('contract_files').selectAll().where('contract_id', '=', id).where('id', '=', fileId).executeTakeFirst();
  if (!row) throw notFound('file');
  return { filename: row.filename, contentType: row.content_type, bytes: Buffer.from(row.data, 'base64') };
}

export async function deleteFile(trx: Executor, p: Principal, id: string, fileId: string) {
  await visibleContract(trx, p, id, 'update');
  const r = await trx.deleteFrom('contract_files').where('contract_id', '=', id).where('id', '=', fileId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('file');
}

/** The system principal of the reminder job (record events show "Contract reminders"). */
const reminderPrincipal = (): Principal => ({
  kind: 'user', userId: 'system-contract-reminders', email: 'contract-reminders@system', name: 'Contract reminders', locale: 'en', roleId: 'system',
  isAdmin: true, teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
});

/**
 * Active contracts whose end is within their reminder days: a task for the owner (source key
 * `contract-end:<id>:<end>`, so once per end date whatever the runs) and a notification. Returns how many it made.
 */
export async function remindEndingContracts(db: Executor, on = today()): Promise<number> {
  const { def: cdef } = await definitionOf(db, 'contracts');
  const rows = (await sql<{ id: string; title: string; end_date: string; reminder_days: number | null; owner_id: string | null; company: string | null; contact: string | null; deal: string | null }>`
    select id, title, end_date, reminder_days, owner_id, company, contact, deal from contracts
    where status = 'active' and deleted_at is null and end_date is not null and end_date >= ${on}`.execute(db)).rows;
  let made = 0;
  for (const c of rows) {
    if (dateIn(c.end_date, -Number(c.reminder_days ?? 30)) > on) continue;
    const key = `contract-end:${c.id}:${c.end_date}`;
    made += await db.transaction().execute(async (trx) => {
      const exists = await sql<{ id: string }>`select id from tasks where source_key = ${key} and deleted_at is null`.execute(trx);
      if (exists.rows.length) return 0;
      const { defs } = await definitionOf(trx, 'contracts');
      const tasksDef = defs.get('tasks');
      if (!tasksDef) return 0;
      // The engine refuses `source_key` from clients (read-only); this module sets it for its own reminder.
      const def: ObjectDefinition = { ...tasksDef, fields: tasksDef.fields.map((f) => (f.key === 'source_key' ? { ...f, readOnly: false } : f)) };
      const locale = c.owner_id ? (await trx.selectFrom('users').select('locale').where('id', '=', c.owner_id).executeTakeFirst())?.locale : 'en';
      const title = locale === 'vi' ? `Hợp đồng sắp hết hạn (${c.end_date}): ${c.title}` : `Contract ends ${c.end_date}: ${c.title}`;
      await pipeline.create(trx, def, defs, reminderPrincipal(), {
        ownerId: c.owner_id ?? undefined,
        values: {
          title, type: 'todo', status: 'open', due_at: `${dateIn(c.end_date, -7) < on ? on : dateIn(c.end_date, -7)}T02:00:00.000Z`, assignee: c.owner_id,
          deal: c.deal, contact: c.contact, company: c.company, source_key: key,
        },
      });
      if (c.owner_id) await notify(trx, c.owner_id, { type: 'contract.ending', title, link: `/${cdef.apiPath}/${c.id}` });
      return 1;
    });
  }
  return made;
}
