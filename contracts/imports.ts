/**
 * Import and export of contacts (and companies): upload → map → validate → run in the background →
 * progress, failed rows, revert. Exports stream CSV / XLSX / vCard 4.0 with the list filters.
 * All routes live under /api/v1.
 */
import { z } from 'zod';
import { idSchema, isoDateTime, localeSchema, pageOf, pageQuery } from './common.js';
import { rowErrorCodes, rowIssueSchema } from './import-errors.js';

export { formatRowIssue, rowErrorCodes, rowErrorTexts, rowIssueSchema, type RowErrorCode, type RowIssue } from './import-errors.js';

export const importEntities = ['contact', 'company'] as const;
export const importEntity = z.enum(importEntities);
export const presetChoices = ['auto', 'google', 'outlook', 'hubspot', 'salesforce', 'vcard'] as const;
export const presetChoice = z.enum(presetChoices);
export const onDuplicateChoices = ['skip', 'update', 'create'] as const;
export const onDuplicate = z.enum(onDuplicateChoices);
export const matchKeyChoices = ['email', 'phone', 'externalId', 'domain', 'name'] as const;
export const matchKey = z.enum(matchKeyChoices);
/** Match keys that apply to each entity; the first list is also the default. */
export const matchKeysOf = {
  contact: ['email', 'phone', 'externalId'],
  /** `name` compares names normalised (case, accents, spaces); `domain` the bare host ('www.', scheme, path dropped). */
  company: ['domain', 'name', 'externalId'],
} as const satisfies Record<(typeof importEntities)[number], readonly (typeof matchKeyChoices)[number][]>;
export const importStatuses = ['mapping', 'queued', 'running', 'completed', 'failed', 'cancelled', 'reverting', 'reverted'] as const;
export const importStatus = z.enum(importStatuses);
export type ImportStatus = z.infer<typeof importStatus>;

/**
 * A mapping target. Contacts: givenName, familyName, middleName, fullName (split: Vietnamese order understood),
 * email[:label], phone[:label], company, jobTitle, department, birthday, tags, lifecycleStage, source,
 * externalId, address[:label].(street|city|region|postalCode|country), social.(linkedin|facebook|zalo|x|website),
 * custom.<fieldKey>. Companies: name, domain, industry, size, phone[:label], address[:label].(street|city|region|
 * postalCode|country), parent (parent company by name), owner (user by email or name), tags, externalId, custom.<fieldKey>.
 * Both: note — the cell's text becomes one note activity on the record (several note columns: one note, a paragraph
 * per column headed by its name; suggested for "Notes", "Note", "Comments", "Ghi chú").
 * null ignores the column.
 */
export const mappingTarget = z.string().min(1).max(80).nullable();
/** Source header → target. Several columns may map to email, phone and tags. */
export const mappingSchema = z.record(z.string().max(300), mappingTarget);
export type Mapping = z.infer<typeof mappingSchema>;

/** POST /imports multipart fields besides `file` (also accepted as query parameters). */
export const createImportFields = z.object({
  entity: importEntity.default('contact'),
  preset: presetChoice.default('auto'),
});

export const importCounts = z.object({
  /** Data rows in the file (null until counted). */
  total: z.number().int().nullable(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Duplicates left alone (onDuplicate=skip) and matches that already held the same values. */
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Rows merged into another row of the same file (same email, phone or external id; companies: domain, name or external id). */
  merged: z.number().int(),
  /** Cells left out of the records they belonged to (bad date, phone, email, …): each listed as a warning. */
  warnings: z.number().int(),
});

export const importSchema = importCounts.extend({
  id: idSchema,
  entity: importEntity,
  status: importStatus,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx', 'vcard']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  /** Preset recognised from the headers, or the one asked for; null = generic file. */
  preset: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: mappingSchema,
  onDuplicate: onDuplicate,
  matchKeys: z.array(matchKey),
  /** Rows per second of the current run; null before it starts. */
  rowsPerSecond: z.number().nullable(),
  /** Estimated seconds left; null when unknown. */
  etaSeconds: z.number().nullable(),
  /** Row number of the last committed row: a restarted run continues after it. */
  checkpointRow: z.number().int(),
  error: z.string().nullable(),
  createdBy: idSchema.nullable(),
  createdAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  revertedAt: isoDateTime.nullable(),
  /** The import this one follows up (it imports corrected rows of that batch); null for an upload. */
  parentId: idSchema.nullable(),
  /**
   * GET /imports/{id} of a batch's first import and the history (GET /imports): the counts of the batch — the import
   * and its follow-ups — where a row a follow-up took counts once (its earlier failure left out, corrected warnings
   * resolved). Absent on a follow-up and in other responses.
   */
  batch: z.object({
    processed: z.number().int(), created: z.number().int(), updated: z.number().int(), skipped: z.number().int(),
    failed: z.number().int(), merged: z.number().int(), warnings: z.number().int(),
    /** How many follow-ups the batch has. */
    followUps: z.number().int(),
    /** A follow-up is queued or running (poll until it is done). */
    running: z.boolean(),
  }).optional(),
});
export type ImportRun = z.infer<typeof importSchema>;

/** POST /imports → the import in status `mapping` with a preview. */
export const importCreated = importSchema.extend({
  /** First rows of the file as header → value. */
  sample: z.array(z.record(z.string(), z.string())),
  /** The mapping the server suggests (also stored as the current mapping). */
  suggestedMapping: mappingSchema,
});

/** PUT /imports/{id}/mapping body. */
export const mappingBody = z.strictObject({
  mapping: mappingSchema,
  onDuplicate: onDuplicate.default('skip'),
  /** Default: every key of the import's entity (contacts: email, phone, externalId; companies: domain, name, externalId). */
  matchKeys: z.array(matchKey).min(1).max(3).optional(),
  /** Also save this mapping under a name for later imports. */
  saveMappingAs: z.string().trim().min(1).max(100).optional(),
});

/** A row that failed, with why. */
export const rowErrorSchema = z.object({
  /** Row number in the file (the header row is 1, so the first data row is 2). */
  row: z.number().int(),
  /** Every reason in English on one line, joined by `; ` (kept for clients written before `issues`). */
  error: z.string(),
  /**
   * The reasons with stable codes and params, to show in the reader's language (`formatRowIssue`). Empty for rows
   * that failed before codes were stored: show `error` then.
   */
  issues: z.array(rowIssueSchema),
  /** The row's cells, header → value (GET /imports/{id}/failures?cells=true: what the wizard lets the user correct). */
  cells: z.record(z.string(), z.string()).optional(),
});
export type RowErrorReport = z.infer<typeof rowErrorSchema>;
/**
 * A cell an import could not use. Its row was imported without it; the value stays listed here and on the
 * record's timeline (`import_warning` items), so nothing the file held is lost.
 */
export const importWarningSchema = z.object({
  /** Row number in the file (the header row is 1). */
  row: z.number().int(),
  /** The file's header (or the target, `custom.<key>`, for custom fields). */
  column: z.string(),
  /** The cell as written. */
  value: z.string(),
  /** Why it was left out: the row error codes (invalid_date, invalid_phone, invalid_email, …). */
  code: z.enum(rowErrorCodes),
  /** The sentence's values (`column`, `value`, …) for `formatRowIssue`. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The reason as an English sentence. */
  reason: z.string(),
  /** The record the row went into; null in a validation report and for skipped rows. */
  recordId: idSchema.nullable(),
});
export type ImportWarning = z.infer<typeof importWarningSchema>;
/** GET /imports/{id}/warnings: in row order (`cursor` from the previous page). */
export const warningsQuery = pageQuery;
export const warningsPage = pageOf(importWarningSchema);

/** POST /imports/{id}/validate → per-row report; nothing is written. */
export const validationReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  empty: z.number().int(),
  /** The first errors (at most 100), in file order: rows that cannot be cleaned, then rows the preview failed. */
  errors: z.array(rowErrorSchema),
  /** How many cells the run will leave out of their records (rows still imported). */
  warningCount: z.number().int(),
  /** The first warnings (at most 100), in file order. */
  warnings: z.array(importWarningSchema),
  /**
   * What starting the import now would do with the first `rows` rows (all of them when `complete`): the run's
   * own matching, duplicate handling, visibility and parent checks, in a transaction that is rolled back.
   */
  outcome: z.object({
    rows: z.number().int(),
    complete: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    merged: z.number().int(),
    failed: z.number().int(),
  }),
});

export const importListQuery = pageQuery;
/** GET /imports/{id}/failures: the failed rows of a run, in row order (`cursor` from the previous page). */
export const failuresQuery = pageQuery.extend({ cells: z.enum(['true', 'false']).optional().describe('Also return each row\'s cells') });
export const failuresPage = pageOf(rowErrorSchema);
/** GET /imports/{id}/failed-rows.csv and /warnings.csv. */
export const failedRowsQuery = z.object({
  /** Language of the Error column (and its header); default: the signed-in user's (or the API key owner's) language. */
  lang: localeSchema.optional(),
});
export const importPage = pageOf(importSchema);

/**
 * A corrected row of a batch (the wizard's grid): its row number and the cells the user changed, keyed by the file's
 * header (or by the target a column maps to, as warnings name custom fields: `custom.tier`). A failed row keeps its
 * other cells; a warning's row brings only these cells, which go into the record the row made.
 */
export const correctedRow = z.strictObject({
  row: z.number().int().min(2).max(2_000_000_000),
  values: z.record(z.string().max(300), z.string().max(32_767)),
});
export type CorrectedRow = z.infer<typeof correctedRow>;
/** POST /imports/{id}/recheck and /imports/{id}/corrections. */
export const correctionsBody = z.strictObject({ rows: z.array(correctedRow).min(1).max(1000) });
/** POST /imports/{id}/recheck → what importing the corrected rows would do; nothing is written. */
export const recheckReport = z.object({
  rows: z.array(z.object({
    row: z.number().int(),
    /** ok: imported (with `warnings` if cells are still left out); failed: `issues` say why; empty: nothing to import. */
    status: z.enum(['ok', 'failed', 'empty']),
    issues: z.array(rowIssueSchema),
    warnings: z.array(importWarningSchema),
  })),
  outcome: z.object({
    created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), merged: z.number().int(), failed: z.number().int(),
  }),
});
export type RecheckReport = z.infer<typeof recheckReport>;

/** Types a custom field created from a column may take. */
export const columnFieldTypes = ['text', 'number', 'date', 'select'] as const;
/** POST /imports/{id}/custom-fields: a new custom field from an unmapped column, which is then mapped to it. */
export const columnFieldBody = z.strictObject({
  /** The file's header. */
  column: z.string().min(1).max(300),
  /** The field's name (en and vi label); default the header. Its key is derived from it ('Hạng thành viên' → hang_thanh_vien). */
  name: z.string().max(100).optional(),
  /** Default text; a select takes the column's distinct values as options (at most 100). */
  type: z.enum(columnFieldTypes).default('text'),
});

export const savedMappingSchema = z.object({
  id: idSchema,
  name: z.string(),
  entity: importEntity,
  preset: z.string().nullable(),
  mapping: mappingSchema,
  createdBy: idSchema.nullable(),
  createdAt: isoDateTime,
});
export const savedMappingBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  entity: importEntity.default('contact'),
  preset: z.string().max(40).nullable().optional(),
  mapping: mappingSchema,
});
export const savedMappingList = z.array(savedMappingSchema);

export const exportFormats = ['csv', 'xlsx', 'vcf'] as const;
/** GET /contacts/export and /companies/export: the list's filter/sort/q parameters, or `ids`. */
export const exportQuery = z.object({
  format: z.enum(exportFormats).default('csv'),
  /** Prefix a UTF-8 BOM (CSV) so Excel reads Vietnamese text correctly. */
  bom: z.enum(['true', 'false']).optional(),
  /** Comma-separated ids (a selection); otherwise the filters below. */
  ids: z.string().max(200_000).optional(),
  sort: z.string().max(300).optional(),
  filter: z.string().max(8000).optional(),
  q: z.string().max(200).optional(),
  ownerId: idSchema.optional(),
  tag: z.string().max(60).optional(),
  stage: z.string().max(40).optional(),
  companyId: idSchema.optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;
/** GET /companies/export: the companies list's filter/sort/q/ownerId/tag parameters, or `ids`. */
export const companyExportQuery = exportQuery.omit({ stage: true, companyId: true });
export type CompanyExportQuery = z.infer<typeof companyExportQuery>;
