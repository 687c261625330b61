/**
 * Contact export: the list's own filters, sort and scope (the contacts module's export reads: keyset pages
 * of the exported columns), or a selection of ids fetched in chunks; streamed as CSV, XLSX or vCard 4.0;
 * audited once with filter and row count.
 */
import type { Readable } from 'node:stream';
import type { ExportQuery } from '../../../../contracts/imports.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/http/errors.js';
import { contactsBulkRepository as bulk, listCustomFields } from '../contacts/index.js';
import { csvStream, exportCells, exportHeaders, neutralise, vcardStream, xlsxStream, type ExportContact } from './engine/writers.js';

const MAX_IDS = 10_000;

/** Counts what passes through, for the audit entry. */
async function* counted<T>(source: AsyncIterable<T>, counter: { rows: number }): AsyncGenerator<T> {
  for await (const c of source) {
    counter.rows++;
    yield c;
  }
}

export interface ExportStream {
  stream: Readable;
  contentType: string;
  fileName: string;
}

export async function exportContacts(ctx: AppContext, p: Principal, q: ExportQuery, ip: string | null): Promise<ExportStream> {
  if (q.ids && q.ids.split(',').length > MAX_IDS) throw invalid('ids', `at most ${MAX_IDS} ids; use a filter for more`);
  const defs = await listCustomFields(ctx.database.db, 'contact');
  const customKeys = defs.map((d) => d.key);
  const counter = { rows: 0 };
  // forExport checks the filter and sort before the response starts: errors are a 400, not a broken download.
  const source: AsyncIterable<ExportContact> = q.ids
    ? bulk.byIdsForExport(ctx.database, p, [...new Set(q.ids.split(',').map((s) => s.trim()).filter(Boolean))], defs)
    : await bulk.forExport(ctx.database, p, { sort: q.sort, filter: q.filter, q: q.q, ownerId: q.ownerId, tag: q.tag, stage: q.stage, companyId: q.companyId }, defs);
  const contacts = counted(source, counter);
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

