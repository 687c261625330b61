/**
 * Contact export: the list's own filters, sort and scope (the contacts module's listContacts, page by
 * page), or a selection of ids; streamed as CSV, XLSX or vCard 4.0; audited once with filter and row count.
 */
import type { Readable } from 'node:stream';
import type { ExportQuery } from '../../../../contracts/imports.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/http/errors.js';
import { contactsService, listCustomFields, listsService, presentContact } from '../contacts/index.js';
import { csvStream, exportCells, exportHeaders, neutralise, vcardStream, xlsxStream, type ExportContact } from './engine/writers.js';

const PAGE = 500;
const MAX_IDS = 10_000;

async function* selected(ctx: AppContext, p: Principal, q: ExportQuery, counter: { rows: number }): AsyncGenerator<ExportContact> {
  const db = ctx.database.db;
  if (q.ids) {
    const ids = [...new Set(q.ids.split(',').map((s) => s.trim()).filter(Boolean))];
    const defs = await listCustomFields(db, 'contact');
    for (const id of ids) {
      const view = await contactsService.get(db, p, id).catch(() => null);
      if (!view) continue; // outside scope or gone: not exported
      counter.rows++;
      yield presentContact(view, p, defs);
    }
    return;
  }
  let cursor: string | undefined;
  do {
    const page = await listsService.listContacts(ctx.database, p, {
      limit: PAGE, cursor, sort: q.sort, filter: q.filter, q: q.q, ownerId: q.ownerId, tag: q.tag, stage: q.stage, companyId: q.companyId, total: 'false',
    });
    for (const c of page.data) {
      counter.rows++;
      yield c;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export interface ExportStream {
  stream: Readable;
  contentType: string;
  fileName: string;
}

export async function exportContacts(ctx: AppContext, p: Principal, q: ExportQuery, ip: string | null): Promise<ExportStream> {
  if (q.ids && q.ids.split(',').length > MAX_IDS) throw invalid('ids', `at most ${MAX_IDS} ids; use a filter for more`);
  // Validate the filter/sort before the response starts: errors must be a 400, not a broken download.
  await listsService.listContacts(ctx.database, p, { limit: 1, sort: q.sort, filter: q.filter, q: q.q, ownerId: q.ownerId, tag: q.tag, stage: q.stage, companyId: q.companyId, total: 'false' });
  const defs = await listCustomFields(ctx.database.db, 'contact');
  const customKeys = defs.map((d) => d.key);
  const counter = { rows: 0 };
  const contacts = selected(ctx, p, q, counter);
  async function* rows(): AsyncGenerator<string[]> {
    yield exportHeaders(customKeys);
    for await (const c of contacts) yield exportCells(c, customKeys).map(neutralise);
  }
  const stamp = new Date().toISOString().slice(0, 10);
  const out: ExportStream =
    q.format === 'xlsx'
      ? { stream: xlsxStream(rows()), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `contacts-${stamp}.xlsx` }
      : q.format === 'vcf'
        ? { stream: vcardStream(contacts), contentType: 'text/vcard; charset=utf-8', fileName: `contacts-${stamp}.vcf` }
        : { stream: csvStream(rows(), { bom: q.bom === 'true' }), contentType: 'text/csv; charset=utf-8', fileName: `contacts-${stamp}.csv` };
  let audited = false;
  const audit = async (complete: boolean) => {
    if (audited) return;
    audited = true;
    const { format, ...filter } = q;
    await ctx.database.db.transaction().execute((trx) => appendAudit(trx, {
      actor: { id: p.userId, label: p.email }, action: 'export', entity: 'contact', ip,
      after: { format, filter, rows: counter.rows, complete },
    }));
  };
  out.stream.on('end', () => void audit(true).catch((e) => ctx.log.error(e, 'export audit failed')));
  out.stream.on('close', () => void audit(false).catch((e) => ctx.log.error(e, 'export audit failed')));
  return out;
}

