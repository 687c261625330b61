/**
 * Contact and company export: the list's own filters, sort and scope (the contacts module's export reads,
 * in batches), or a selection of ids; streamed as CSV, XLSX or vCard 4.0; audited once with filter, format
 * and row count.
 */
import type { Readable } from 'node:stream';
import type { CompanyExportQuery, ExportQuery } from '../../../../contracts/imports.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/http/errors.js';
import { companiesExport, contactsBulkRepository as bulk, listCustomFields } from '../contacts/index.js';
import { companyCells, companyHeaders, companyVcard, type ExportCompany } from './engine/company-writers.js';
import { csvBatchStream, exportCells, exportHeaders, vcard, vcardBatchStream, xlsxBatchStream, type ExportContact } from './engine/writers.js';

const MAX_IDS = 10_000;

export interface ExportStream {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/** What differs between exporting contacts and companies. */
interface Layout<T> {
  entity: 'contact' | 'company';
  /** File name stem and XLSX sheet name. */
  file: string;
  sheet: string;
  headers: string[];
  cells(row: T): string[];
  card(row: T): string;
}

function selection(q: { ids?: string | undefined }): string[] | null {
  if (!q.ids) return null;
  const ids = [...new Set(q.ids.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length > MAX_IDS) throw invalid('ids', `at most ${MAX_IDS} ids; use a filter for more`);
  return ids;
}

/** Counts what passes through, for the audit entry; `done` runs after the last batch, before the stream ends. */
async function* counted<T>(source: AsyncIterable<T[]>, counter: { rows: number }, done: () => Promise<void>): AsyncGenerator<T[]> {
  for await (const batch of source) {
    counter.rows += batch.length;
    yield batch;
  }
  await done();
}

function stream<T>(ctx: AppContext, p: Principal, q: ExportQuery | CompanyExportQuery, ip: string | null, layout: Layout<T>, source: AsyncIterable<T[]>): ExportStream {
  const counter = { rows: 0 };
  // The complete export is audited before its last byte goes out; an abandoned one when its stream closes.
  const batches = counted(source, counter, () => audit(true).catch((e) => ctx.log.error(e, 'export audit failed')));
  const stamp = new Date().toISOString().slice(0, 10);
  const fileName = `${layout.file}-${stamp}.${q.format}`;
  const out: ExportStream =
    q.format === 'xlsx'
      ? { stream: xlsxBatchStream(layout.headers, batches, layout.cells, layout.sheet), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName }
      : q.format === 'vcf'
        ? { stream: vcardBatchStream(batches, layout.card), contentType: 'text/vcard; charset=utf-8', fileName }
        : { stream: csvBatchStream(layout.headers, batches, layout.cells, { bom: q.bom === 'true' }), contentType: 'text/csv; charset=utf-8', fileName };
  let audited = false;
  async function audit(complete: boolean) {
    if (audited) return;
    audited = true;
    const { format, ...filter } = q;
    await ctx.database.db.transaction().execute((trx) => appendAudit(trx, {
      actor: { id: p.userId, label: p.email }, action: 'export', entity: layout.entity, ip,
      after: { format, filter, rows: counter.rows, complete },
    }));
  }
  out.stream.on('close', () => void audit(false).catch((e) => ctx.log.error(e, 'export audit failed')));
  return out;
}

export async function exportContacts(ctx: AppContext, p: Principal, q: ExportQuery, ip: string | null): Promise<ExportStream> {
  const ids = selection(q);
  const defs = await listCustomFields(ctx.database.db, 'contact');
  const customKeys = defs.map((d) => d.key);
  // forExport checks the filter and sort before the response starts: errors are a 400, not a broken download.
  const source: AsyncIterable<ExportContact[]> = ids
    ? bulk.byIdsForExport(ctx.database, p, ids, defs)
    : await bulk.forExport(ctx.database, p, { sort: q.sort, filter: q.filter, q: q.q, ownerId: q.ownerId, tag: q.tag, stage: q.stage, companyId: q.companyId }, defs);
  return stream(ctx, p, q, ip, {
    entity: 'contact', file: 'contacts', sheet: 'Contacts', headers: exportHeaders(customKeys),
    cells: (c) => exportCells(c, customKeys), card: vcard,
  }, source);
}

export async function exportCompanies(ctx: AppContext, p: Principal, q: CompanyExportQuery, ip: string | null): Promise<ExportStream> {
  const ids = selection(q);
  const defs = await listCustomFields(ctx.database.db, 'company');
  const customKeys = defs.map((d) => d.key);
  const source: AsyncIterable<ExportCompany[]> = ids
    ? companiesExport.byIdsForExport(ctx.database, p, ids, defs)
    : await companiesExport.forExport(ctx.database, p, { sort: q.sort, filter: q.filter, q: q.q, ownerId: q.ownerId, tag: q.tag }, defs);
  return stream(ctx, p, q, ip, {
    entity: 'company', file: 'companies', sheet: 'Companies', headers: companyHeaders(customKeys),
    cells: (c) => companyCells(c, customKeys), card: companyVcard,
  }, source);
}
