/** `kith import contacts|companies <file>` (synchronous, prints counts as JSON) and `kith export contacts|companies --out <file>`. */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { onDuplicateChoices, presetChoices, exportFormats } from '../../../../contracts/imports.js';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext, CliCommand } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { exportCompanies, exportContacts } from './imports.export.js';
import { companyPresetIds } from './engine/company-presets.js';
import { importsRepository as repo } from './imports.repository.js';
import { runImport } from './imports.runner.js';
import { importsService as svc } from './imports.service.js';
import { ensureFirstAdmin } from '../identity/index.js';

const IMPORT_USAGE = 'import contacts|companies <file> [--preset auto|google|outlook|hubspot|salesforce|vcard] [--on-duplicate skip|update|create]';
const EXPORT_USAGE = 'export contacts|companies --format csv|xlsx|vcf --out <file>';
const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

/** The CLI acts as the first administrator (oldest admin account). */
async function firstAdmin(ctx: AppContext): Promise<Principal | null> {
  const row = await ctx.database.db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select('users.id')
    .where('roles.is_admin', '=', 1).where('users.active', '=', 1).orderBy('users.created_at').orderBy('users.id').executeTakeFirst();
  return row ? loadPrincipal(ctx.database.db, row.id, { kind: 'user' }) : null;
}

/** Said when the data folder has no administrator yet (Kith never started there) and none can be created. */
export const NO_ADMIN_MESSAGE =
  'error: no administrator exists yet. Set KITH_ADMIN_EMAIL and KITH_ADMIN_PASSWORD (the first administrator is then created ' +
  'as `kith start` does), or create one first: kith user create --email <email> --name <name> --role admin --password <password>';

/**
 * The administrator the CLI acts as. On a data folder where Kith never started, creates the first one from
 * KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD as `kith start` does (its notice on stderr: stdout stays the JSON result);
 * without them prints what to run and returns null.
 */
async function actingAdmin(ctx: AppContext): Promise<Principal | null> {
  const found = await firstAdmin(ctx);
  if (found) return found;
  if (!ctx.config.adminEmail || ctx.config.adminPassword === undefined) {
    console.error(NO_ADMIN_MESSAGE);
    return null;
  }
  try {
    await ensureFirstAdmin(ctx, (text) => console.error(text));
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return null;
  }
  return firstAdmin(ctx);
}

/**
 * What the import's JSON says about its end: `imported` (every row, no warnings), `imported_with_warnings` (every
 * row; some cells left out, listed as warnings), `rows_failed` (finished, some rows made no record), `not_completed`.
 */
export function importOutcome(done: { status: string; failed: number; warnings: number }): 'imported' | 'imported_with_warnings' | 'rows_failed' | 'not_completed' {
  if (done.status !== 'completed') return 'not_completed';
  if (done.failed > 0) return 'rows_failed';
  return done.warnings > 0 ? 'imported_with_warnings' : 'imported';
}

function usage(message: string, text: string): number {
  console.error(`error: ${message}\nusage: kith ${text}`);
  return 2;
}

/**
 * Exit codes: 0 the import completed and every row made a record (with or without warnings), 3 it completed but
 * rows failed, 1 it did not complete (or no administrator), 2 bad usage.
 */
export const importCommand: CliCommand = {
  usage: IMPORT_USAGE.padEnd(32) + '  import a file synchronously; prints {status, outcome, total, created, updated, skipped, failed, merged, warnings}',
  async run(ctx, words, opts) {
    const [entity, file] = words;
    if ((entity !== 'contacts' && entity !== 'companies') || !file) return usage('expected "contacts <file>" or "companies <file>"', IMPORT_USAGE);
    const kind = entity === 'companies' ? 'company' : 'contact';
    const preset = str(opts.preset) ?? 'auto';
    const onDuplicate = str(opts['on-duplicate']) ?? 'skip';
    if (!(presetChoices as readonly string[]).includes(preset)) return usage(`unknown preset "${preset}"`, IMPORT_USAGE);
    if (kind === 'company' && preset !== 'auto' && !(companyPresetIds as readonly string[]).includes(preset)) return usage(`preset "${preset}" is for contacts`, IMPORT_USAGE);
    if (!(onDuplicateChoices as readonly string[]).includes(onDuplicate)) return usage(`unknown --on-duplicate "${onDuplicate}"`, IMPORT_USAGE);
    if (!fs.existsSync(file)) return usage(`no such file ${file}`, IMPORT_USAGE);
    const p = await actingAdmin(ctx);
    if (!p) return 1;
    try {
      const created = await svc.create(ctx, p, { fileName: path.basename(file), stream: fs.createReadStream(file) }, { entity: kind, preset });
      const id = created.imp.id;
      await svc.setMapping(ctx, p, id, { mapping: created.suggested, onDuplicate: onDuplicate as 'skip' });
      await repo.transition(ctx.database.db, id, ['mapping'], { status: 'queued', updated_at: nowIso() });
      const done = await runImport(ctx, id);
      const out = {
        id, status: done.status, outcome: importOutcome(done), total: done.total ?? 0, created: done.created, updated: done.updated,
        skipped: done.skipped, failed: done.failed, merged: done.merged, warnings: done.warnings,
      };
      console.log(JSON.stringify(out));
      if (done.status !== 'completed') return 1;
      return done.failed > 0 ? 3 : 0;
    } catch (err) {
      if (err instanceof AppError) {
        console.error(`error: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};

export const exportCommand: CliCommand = {
  usage: EXPORT_USAGE.padEnd(32) + '  export every contact or company to a file',
  async run(ctx, words, opts) {
    const format = str(opts.format) ?? 'csv';
    const out = str(opts.out);
    const entity = words[0];
    if ((entity !== 'contacts' && entity !== 'companies') || !out) return usage('expected "contacts --out <file>" or "companies --out <file>"', EXPORT_USAGE);
    if (!(exportFormats as readonly string[]).includes(format)) return usage(`unknown format "${format}"`, EXPORT_USAGE);
    const p = await actingAdmin(ctx);
    if (!p) return 1;
    const q = { format: format as 'csv', bom: opts.bom === true || opts.bom === 'true' ? ('true' as const) : undefined };
    const exp = entity === 'companies' ? await exportCompanies(ctx, p, q, null) : await exportContacts(ctx, p, q, null);
    await pipeline(exp.stream, fs.createWriteStream(out, { highWaterMark: 1 << 20 }));
    console.log(JSON.stringify({ file: out, format }));
    return 0;
  },
};
