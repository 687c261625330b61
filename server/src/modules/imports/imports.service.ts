/**
 * Import use cases: upload → inspect (format, encoding, delimiter, preset, suggested mapping) → mapping →
 * validate (nothing written) → start (a job) → progress / cancel / failed rows / revert.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { matchKeysOf, type mappingBody, type savedMappingBody } from '../../../../contracts/imports.js';
import { can, type Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { requirePermission } from '../../platform/http/access.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { newId, nowIso } from '../../platform/ids.js';
import { detectPreset, presetIds, suggestMapping, type PresetId } from './engine/presets.js';
import { inspectSource, readRows } from './engine/source.js';
import { isValidTarget } from './engine/transform.js';
import { companyPresetIds, detectCompanyPreset, suggestCompanyMapping, type CompanyPresetId } from './engine/company-presets.js';
import { isValidCompanyTarget } from './engine/company-transform.js';
import { companyRowCleaner } from './imports.company-runner.js';
import { listDefs } from './imports.gateway.js';
import { importsRepository as repo, type ImportRow } from './imports.repository.js';
import { contactRowCleaner } from './imports.runner.js';
import { cleaningReport, previewImport } from './imports.preview.js';

export const IMPORT_JOB = 'imports.run';
export const REVERT_JOB = 'imports.revert';
const SAMPLE_ROWS = 5;
const MAX_REPORTED_ERRORS = 100;
/**
 * Rows whose outcome validation previews (one rolled-back batch): a few seconds of the run's work, during which
 * SQLite's writer lock is held, so it stays bounded whatever the file's size.
 */
const PREVIEW_ROWS = 10_000;
const actor = (p: Principal) => ({ id: p.userId, label: p.email });

/** The permission module of an import's records. */
export const moduleOfEntity = (entity: string) => (entity === 'company' ? 'companies' : 'contacts');

/** Importing needs `create` on the records' module: contacts for contact files, companies for company files. */
export function requireImporter(p: Principal, entity?: string): void {
  if (entity) requirePermission(p, moduleOfEntity(entity), 'create');
  else if (!can(p, 'contacts', 'create') && !can(p, 'companies', 'create')) requirePermission(p, 'contacts', 'create');
}

async function load(ctx: AppContext, p: Principal, id: string): Promise<ImportRow> {
  const imp = await repo.find(ctx.database.db, id);
  // Imports are private to their creator (they hold a whole customer file), administrators see all.
  if (!imp || (!p.isAdmin && imp.created_by !== p.userId)) throw notFound('import');
  requireImporter(p, imp.entity);
  return imp;
}

/** An upload left at the mapping step this long is abandoned: the cleanup job deletes it and its file. */
export const ABANDONED_AFTER_DAYS = 3;
export const CLEANUP_JOB = 'imports.cleanup';

/** Removes a stored upload; a file already gone is fine. */
const removeUpload = (ctx: AppContext, rel: string) => fs.rmSync(path.join(ctx.config.dataDir, rel), { force: true });

/**
 * Deletes imports left at the mapping step for ABANDONED_AFTER_DAYS (never started: no records, failures or
 * warnings refer to them) and their uploaded files. Returns how many it removed.
 */
export async function cleanupAbandoned(ctx: AppContext, now = Date.now()): Promise<number> {
  const before = new Date(now - ABANDONED_AFTER_DAYS * 86_400_000).toISOString();
  let removed = 0;
  for (;;) {
    const page = await repo.abandoned(ctx.database.db, before, 200);
    for (const imp of page) {
      if (await repo.deleteAtMapping(ctx.database.db, imp.id)) {
        removeUpload(ctx, imp.file_path);
        removed++;
      }
    }
    if (page.length < 200) return removed;
  }
}

export const importsService = {
  /** Discards an import left at the mapping step: the row and the uploaded file go; a started import is a 409. */
  async discard(ctx: AppContext, p: Principal, id: string): Promise<void> {
    const imp = await load(ctx, p, id);
    await ctx.database.db.transaction().execute(async (trx) => {
      if (!(await repo.deleteAtMapping(trx, id))) throw conflict(`the import is ${imp.status}; only an import not started yet can be discarded`);
      await appendAudit(trx, { actor: actor(p), action: 'import_discard', entity: 'import', entityId: id, after: { file: imp.file_name } });
    });
    removeUpload(ctx, imp.file_path);
  },

  /**
   * Stores the upload under <dataDir>/imports/<id>, inspects it and suggests a mapping (status `mapping`).
   * `preset` 'auto' recognises Google, Outlook, HubSpot, Salesforce and vCard layouts from the headers.
   */
  async create(ctx: AppContext, p: Principal, upload: { fileName: string; stream: Readable }, o: { entity: 'contact' | 'company'; preset: string }) {
    const company = o.entity === 'company';
    requireImporter(p, o.entity);
    if (company && o.preset !== 'auto' && !(companyPresetIds as readonly string[]).includes(o.preset)) {
      throw invalid('preset', `company files have the presets auto, ${companyPresetIds.join(', ')}`);
    }
    const id = newId();
    const rel = path.join('imports', id);
    const file = path.join(ctx.config.dataDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await pipeline(upload.stream, fs.createWriteStream(file));
    if ((upload.stream as Readable & { truncated?: boolean }).truncated) {
      fs.rmSync(file, { force: true });
      throw new AppError('payload_too_large', 'file: larger than the upload limit');
    }
    const size = fs.statSync(file).size;
    if (size === 0) {
      fs.rmSync(file, { force: true });
      throw invalid('file', 'the file is empty');
    }
    let info;
    try {
      info = await inspectSource(file, upload.fileName);
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw invalid('file', `cannot read this file: ${(err as Error).message}`);
    }
    if (!info.headers.length || (company && info.format === 'vcard')) {
      fs.rmSync(file, { force: true });
      throw invalid('file', company ? 'a vCard file holds people: import it as contacts, or send a CSV or XLSX of companies' : 'no header row found');
    }
    const defs = (await listDefs(ctx.database.db, o.entity)).map((d) => ({ key: d.key, label: d.label }));
    let preset: PresetId | null;
    let suggested: Record<string, string | null>;
    if (company) {
      preset = o.preset === 'auto' ? detectCompanyPreset(info.headers) : (o.preset as CompanyPresetId);
      suggested = suggestCompanyMapping(info.headers, preset as CompanyPresetId | null, defs);
    } else {
      preset = o.preset === 'auto' ? detectPreset(info.headers) : (o.preset as PresetId);
      suggested = suggestMapping(info.headers, preset, defs);
    }
    const sample: Record<string, string>[] = [];
    for await (const row of readRows(file, info)) {
      sample.push(Object.fromEntries(info.headers.map((h, i) => [h, row.values[i] ?? ''])));
      if (sample.length >= SAMPLE_ROWS) break;
    }
    const now = nowIso();
    await repo.insert(ctx.database.db, {
      id, entity: o.entity, status: 'mapping', file_name: upload.fileName.slice(0, 300), file_path: rel, file_size: size,
      format: info.format, encoding: info.encoding, delimiter: info.delimiter, preset, headers: JSON.stringify(info.headers),
      mapping: JSON.stringify(suggested), on_duplicate: 'skip', match_keys: JSON.stringify(matchKeysOf[o.entity]),
      total: null, run_started_at: null, error: null, job_id: null, created_by: p.userId, created_at: now, updated_at: now,
      started_at: null, finished_at: null, reverted_at: null,
    });
    return { imp: (await repo.find(ctx.database.db, id))!, sample, suggested };
  },

  get: load,

  async list(ctx: AppContext, p: Principal, limit: number, after: [string, string] | undefined) {
    return repo.page(ctx.database.db, limit, after, p.isAdmin ? null : p.userId);
  },

  async setMapping(ctx: AppContext, p: Principal, id: string, body: z.infer<typeof mappingBody>): Promise<ImportRow> {
    const imp = await load(ctx, p, id);
    if (imp.status !== 'mapping') throw conflict(`the import is ${imp.status}; the mapping can only change before it starts`);
    const headers = new Set(JSON.parse(imp.headers) as string[]);
    const entity = imp.entity as 'contact' | 'company';
    const defs = new Set((await listDefs(ctx.database.db, entity)).map((d) => d.key));
    const validTarget = entity === 'company' ? isValidCompanyTarget : isValidTarget;
    for (const [header, target] of Object.entries(body.mapping)) {
      if (!headers.has(header)) throw invalid(`mapping.${header}`, 'no such column in the file');
      if (target === null) continue;
      if (!validTarget(target)) throw invalid(`mapping.${header}`, `unknown target "${target}"`);
      if (target.startsWith('custom.') && !defs.has(target.slice(7))) throw invalid(`mapping.${header}`, `no custom field "${target.slice(7)}"`);
    }
    if (!Object.values(body.mapping).some(Boolean)) throw invalid('mapping', 'map at least one column');
    if (entity === 'company' && !Object.values(body.mapping).includes('name')) throw invalid('mapping', 'map a column to the company name');
    const keys = body.matchKeys ?? [...matchKeysOf[entity]];
    const badKey = keys.find((k) => !(matchKeysOf[entity] as readonly string[]).includes(k));
    if (badKey) throw invalid('matchKeys', `"${badKey}" does not apply to ${entity} imports (use ${matchKeysOf[entity].join(', ')})`);
    const now = nowIso();
    await repo.set(ctx.database.db, id, {
      mapping: JSON.stringify(body.mapping), on_duplicate: body.onDuplicate, match_keys: JSON.stringify([...new Set(keys)]), updated_at: now,
    });
    if (body.saveMappingAs) await importsService.saveMapping(ctx, p, { name: body.saveMappingAs, entity, preset: imp.preset, mapping: body.mapping });
    return (await repo.find(ctx.database.db, id))!;
  },

  /**
   * Cleans every row as the run would and previews the outcome of the first PREVIEW_ROWS (previewImport:
   * written and rolled back); nothing stays. Also records the row count.
   */
  async validate(ctx: AppContext, p: Principal, id: string) {
    const imp = await load(ctx, p, id);
    const clean = imp.entity === 'company' ? await companyRowCleaner(ctx, imp, p) : await contactRowCleaner(ctx, imp, p);
    const report = await cleaningReport(ctx, imp, clean, MAX_REPORTED_ERRORS);
    if (imp.total === null) await repo.set(ctx.database.db, id, { total: report.total });
    const preview = await previewImport(ctx, p, imp, PREVIEW_ROWS);
    const listed = new Set(report.errors.map((e) => e.row));
    for (const f of preview.failures) {
      if (report.errors.length >= MAX_REPORTED_ERRORS) break;
      if (!listed.has(f.row)) report.errors.push(f);
    }
    report.errors.sort((a, b) => a.row - b.row);
    const { processed: _processed, ...counts } = preview.counts;
    return { ...report, outcome: { rows: preview.rows, complete: preview.complete, ...counts } };
  },

  /** Queues the run as a job (the worker resumes it after a crash from its checkpoint). */
  async start(ctx: AppContext, p: Principal, id: string): Promise<ImportRow> {
    const imp = await load(ctx, p, id);
    if (imp.status !== 'mapping') throw conflict(`the import is already ${imp.status}`);
    await ctx.database.db.transaction().execute(async (trx) => {
      const now = nowIso();
      if (!(await repo.transition(trx, id, ['mapping'], { status: 'queued', updated_at: now }))) throw conflict('the import was started already');
      const jobId = await ctx.services.jobs.enqueue(trx, IMPORT_JOB, { importId: id }, { maxAttempts: 5, uniqueKey: `import:${id}` });
      await repo.set(trx, id, { job_id: jobId });
      await appendAudit(trx, { actor: actor(p), action: 'import_start', entity: 'import', entityId: id, after: { file: imp.file_name, onDuplicate: imp.on_duplicate } });
    });
    return (await repo.find(ctx.database.db, id))!;
  },

  /** Stops a queued or running import after its current batch; committed batches stay (revert removes them). */
  async cancel(ctx: AppContext, p: Principal, id: string): Promise<ImportRow> {
    const imp = await load(ctx, p, id);
    const now = nowIso();
    if (!(await repo.transition(ctx.database.db, id, ['mapping', 'queued', 'running'], { status: 'cancelled', finished_at: now, updated_at: now }))) {
      throw conflict(`the import is ${imp.status}; only a waiting or running import can be cancelled`);
    }
    return (await repo.find(ctx.database.db, id))!;
  },

  /** Reverts a batch: the import and its follow-ups (newest first). A follow-up alone is not reverted: its batch is. */
  async revert(ctx: AppContext, p: Principal, id: string): Promise<ImportRow> {
    const imp = await load(ctx, p, id);
    if (imp.parent_id) throw conflict(`this import follows up import ${imp.parent_id}: revert that one, which reverts its follow-ups too`);
    await ctx.database.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('imports').select('id').where('parent_id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst()) {
        throw conflict('a follow-up of this import is still running; revert when it has finished');
      }
      const now = nowIso();
      if (!(await repo.transition(trx, id, ['completed', 'cancelled', 'failed'], { status: 'reverting', updated_at: now }))) {
        throw conflict(`the import is ${imp.status}; only a finished import can be reverted`);
      }
      await ctx.services.jobs.enqueue(trx, REVERT_JOB, { importId: id }, { maxAttempts: 5, uniqueKey: `import-revert:${id}` });
      await appendAudit(trx, { actor: actor(p), action: 'import_revert_start', entity: 'import', entityId: id });
    });
    return (await repo.find(ctx.database.db, id))!;
  },

  /** Failed rows, page by page, for the CSV download. */
  failures: (ctx: AppContext, id: string | string[], afterRow: number, limit: number) => repo.failures(ctx.database.db, id, afterRow, limit),
  warnings: (ctx: AppContext, id: string | string[], after: [number, string] | undefined, limit: number) => repo.warnings(ctx.database.db, id, after, limit),

  async saveMapping(ctx: AppContext, p: Principal, body: z.infer<typeof savedMappingBody>) {
    requireImporter(p, body.entity);
    const now = nowIso();
    const row = {
      id: newId(), name: body.name, entity: body.entity, preset: body.preset ?? null, mapping: JSON.stringify(body.mapping),
      created_by: p.userId, created_at: now, updated_at: now,
    };
    try {
      await repo.insertMapping(ctx.database.db, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`a mapping named "${body.name}" exists already`);
      throw err;
    }
    return row;
  },

  mappings: (ctx: AppContext) => repo.mappings(ctx.database.db),
  presetIds,
};

