/**
 * The records platform on the wire: record types (objects) and their field definitions, and the records of
 * any custom object. One engine serves every object (server/src/platform/records), so these shapes are the
 * same for every type. Routes:
 * - `GET /record-types` → `{ data: RecordType[] }` (the objects the caller may read, with their permissions);
 *   `POST /record-types` (admin: create a custom object), `PATCH /record-types/{name}`,
 *   `POST /record-types/{name}/fields`, `PATCH /record-types/{name}/fields/{key}` (relabel, options, archive —
 *   a field's data is never dropped; a field's key and type never change).
 * - `/objects/{name}`: `GET` list (filter, sort, q, cursor, limit, include), `POST` create, `GET …/count`,
 *   `GET|PATCH|DELETE …/{id}` (PATCH honours If-Match → 412), `POST …/{id}/restore`, `POST …/bulk`,
 *   `GET …/{id}/timeline`, `GET …/export?format=csv|xlsx`, `POST …/import` (multipart: file, mapping).
 * - `GET /objects/by-relation/{target}/{id}`: records of every object whose relation field points at the
 *   given contact, company or record (for "vehicles of this contact").
 * Bad input is a 400 whose `fields[].path` names the value, e.g. `values.price`, `fields.2.key`, `filter.0.op`.
 */
import { z } from 'zod';
import { classificationSchema, idSchema, isoDateTime, pageOf, scopeSchema } from './common.js';

// ───────────────────────── names ─────────────────────────

/** API name of an object: plural snake_case, e.g. `vehicles` (not a reserved word or SQL keyword). */
export const objectName = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase snake_case: a-z, 0-9, _ (2–40 characters)');
/** Key of a field: snake_case, unique within its object (not a reserved word or SQL keyword). */
export const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase snake_case: a-z, 0-9, _ (1–40 characters)');
/** Objects a relation may point at besides custom objects: the standard customer records. */
export const standardTargets = ['contacts', 'companies'] as const;

/** Label in both languages. */
export const fieldLabels = z.strictObject({ en: z.string().trim().min(1).max(80), vi: z.string().trim().min(1).max(80) });
export type FieldLabels = z.infer<typeof fieldLabels>;
/** Singular and plural label of an object in both languages. */
export const objectLabels = z.strictObject({
  en: z.strictObject({ singular: z.string().trim().min(1).max(60), plural: z.string().trim().min(1).max(60) }),
  vi: z.strictObject({ singular: z.string().trim().min(1).max(60), plural: z.string().trim().min(1).max(60) }),
});
export type ObjectLabels = z.infer<typeof objectLabels>;

// ───────────────────────── fields ─────────────────────────

/**
 * Field types and their value on the wire:
 * text, long_text, email (lowercased), phone (E.164), url (http/https) → string; number, percent (0–100 as
 * typed, e.g. 12.5) → number; rating → integer 1–5; money → `{ amount: integer minor units, currency: ISO 4217 }`;
 * date → `YYYY-MM-DD`; datetime → ISO 8601 (stored UTC); boolean → boolean; select → option value;
 * multi_select → option values; user → user id; relation → id of a record of `relation.target`;
 * relations (many-to-many) → ids of records of `relation.target` (distinct, at most 200, order kept; stored in the
 * `record_links` table as well, for filters and back-references); attachments → `[{ id, name, size, contentType }]`
 * (read-only in `values`: files are uploaded and deleted at `/objects/{name}/{id}/fields/{key}/files`).
 * formula and rollup are read-only computed fields: their value has the shape of their `resultType` (number, text,
 * boolean, date or datetime), stored and recomputed on every write (see server/src/platform/records/README.md).
 * Every value may be null (absent). A value above the reader's classification is null and its key listed in `masked`.
 */
export const fieldTypes = [
  'text', 'long_text', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'select', 'multi_select',
  'email', 'phone', 'url', 'user', 'relation', 'rating', 'formula', 'rollup', 'relations', 'attachments',
] as const;
export const fieldType = z.enum(fieldTypes);
export type FieldType = z.infer<typeof fieldType>;

/** Colours an option may carry (Mantine palette names). */
export const optionColors = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;
export const selectOption = z.strictObject({
  /** Stored value, stable: a slug such as `in_service`, or a code such as `VND` (ISO 4217). */
  value: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/, 'a slug or code: letters, 0-9, _, -'),
  /** Shown label in both languages. */
  labels: fieldLabels,
  /** Badge colour. */
  color: z.enum(optionColors).default('gray'),
  /** Order in pickers and kanban columns (ascending). */
  position: z.number().int().min(0).max(10_000).default(0),
});
export type SelectOption = z.infer<typeof selectOption>;

/** Relation settings: the object pointed at (a custom object's name, `contacts` or `companies`). */
export const relationSpec = z.strictObject({
  /** Target object's API name. */
  target: objectName,
  /** many_to_one (type relation: the field holds one id) or many_to_many (type relations: a list of ids); follows the type when absent. */
  kind: z.enum(['many_to_one', 'many_to_many']).optional(),
});
/** Most records one many-to-many field may link. */
export const RELATIONS_MAX = 200;
/** Most files one attachments field holds, and the size limit of each. */
export const FIELD_FILES_MAX = 20;
export const FIELD_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Aggregates of a rollup: count of the pointing records, or sum/min/max of one of their fields. */
export const rollupFunctions = ['count', 'sum', 'min', 'max'] as const;
/**
 * A rollup: `fn` over the live records of `object` whose many-to-one relation `relation` points at this record,
 * e.g. `{ object: 'services', relation: 'vehicle', fn: 'sum', field: 'cost' }`. `field` (number, money, percent,
 * rating; min/max also date, datetime) is required except for count. count and sum of none are 0.
 */
export const rollupSpec = z.strictObject({
  object: objectName,
  relation: fieldKey,
  fn: z.enum(rollupFunctions),
  field: fieldKey.optional(),
});
export type RollupSpec = z.infer<typeof rollupSpec>;

/** Display hints of a standard object's text field (see `display` below). */
export const fieldDisplays = ['team'] as const;
export type FieldDisplay = (typeof fieldDisplays)[number];

/** One field of an object as the server describes it. */
export const fieldDefSchema = z.object({
  /** Key in `values`, filters and sort; never changes. */
  key: fieldKey,
  /** Value type (see fieldTypes); never changes. */
  type: fieldType,
  /** Label in both languages. */
  labels: fieldLabels,
  /** Help text shown under the input, both languages. */
  help: fieldLabels.nullable(),
  /** A create must give a value (or the default applies). */
  required: z.boolean(),
  /** No two live records share a value. */
  unique: z.boolean(),
  /** Applied on create when the value is absent. */
  default: z.unknown().nullable(),
  /** Readers below this level see null (and the key in `masked`). */
  classification: classificationSchema,
  /** May be used in `filter`. */
  filterable: z.boolean(),
  /** May be used in `sort`. */
  sortable: z.boolean(),
  /** Included in `q` search (text-like fields). */
  searchable: z.boolean(),
  /** For select and multi_select, in `position` order. */
  options: z.array(selectOption).nullable(),
  /** For money: ISO 4217 currency of every value. */
  currency: z.string().nullable(),
  /** For relation and relations: the target object (kind many_to_one for relation, many_to_many for relations). */
  relation: z.object({ target: objectName, kind: z.enum(['many_to_one', 'many_to_many']) }).nullable(),
  /** Computed or system fields cannot be written. */
  readOnly: z.boolean(),
  /** For formula: its expression (see server/src/platform/records/formula.ts). */
  formula: z.string().nullable().optional(),
  /** For rollup: what it aggregates. */
  rollup: rollupSpec.nullable().optional(),
  /** For formula and rollup: the type of the computed value (number, text, boolean, date, datetime). */
  resultType: fieldType.nullable().optional(),
  /**
   * How the UI shows and picks a value of a field that stores another entity's id as text, absent for most fields:
   * `team` → a team id, shown by the team's name (`GET /directory`) and picked from the teams (filters, forms).
   */
  display: z.enum(fieldDisplays).optional(),
  /** Hidden from forms and new views; its data is kept and still readable. */
  archived: z.boolean(),
  /** Display order. */
  position: z.number().int(),
});
export type FieldDef = z.infer<typeof fieldDefSchema>;

/** Adding a field (`POST /record-types/{name}/fields`, or inside a new object's `fields`). */
export const fieldInput = z.strictObject({
  key: fieldKey,
  type: fieldType,
  labels: fieldLabels,
  help: fieldLabels.nullable().optional(),
  required: z.boolean().optional().describe('Default false'),
  unique: z.boolean().optional().describe('Default false'),
  default: z.unknown().optional().describe('Must be a valid value of the type'),
  classification: classificationSchema.optional().describe('Default internal'),
  filterable: z.boolean().optional().describe('Default true; filterable or sortable fields get an index'),
  sortable: z.boolean().optional().describe('Default true'),
  searchable: z.boolean().optional().describe('Default true for text, email, phone and url fields'),
  options: z.array(selectOption).max(200).optional().describe('Required for select and multi_select'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. VND').optional().describe('Required for money'),
  relation: relationSpec.optional().describe('Required for relation and relations'),
  formula: z.string().min(1).max(2000).optional().describe('Required for formula, e.g. `IF(price > 0, ROUND(cost / price * 100, 1), 0)`'),
  rollup: rollupSpec.optional().describe('Required for rollup'),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type FieldInput = z.input<typeof fieldInput>;

/** Changing a field: labels, help, rules, options (existing values stay), archive. Key, type, currency and target are fixed. */
export const fieldPatch = z.strictObject({
  labels: fieldLabels.optional(),
  help: fieldLabels.nullable().optional(),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  classification: classificationSchema.optional(),
  filterable: z.boolean().optional(),
  sortable: z.boolean().optional(),
  searchable: z.boolean().optional(),
  /** The whole new option list; an option still used by records may be relabelled but not removed. */
  options: z.array(selectOption).max(200).optional(),
  archived: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** A formula field's new expression; its result type must stay the same. Existing records are recomputed. */
  formula: z.string().min(1).max(2000).optional(),
});
export type FieldPatch = z.input<typeof fieldPatch>;

// ───────────────────────── record types ─────────────────────────

/** What the caller may do with an object's records. */
export const objectPermissions = z.object({
  read: z.boolean(),
  create: z.boolean(),
  update: z.boolean(),
  delete: z.boolean(),
  export: z.boolean(),
  /** Change the object's definition (fields, labels). */
  manage: z.boolean(),
  /** Which records the caller sees (own, team, all); null without read. */
  scope: scopeSchema.nullable(),
});
export type ObjectPermissions = z.infer<typeof objectPermissions>;

export const recordTypeSchema = z.object({
  /** API name, plural snake_case; records live at `/objects/{name}`. */
  name: objectName,
  /** Singular and plural labels, both languages. */
  labels: objectLabels,
  /** Tabler icon name, e.g. `car`. */
  icon: z.string(),
  /** Key of the text field that names a record (its `title`). */
  titleField: fieldKey,
  /** True for objects an administrator created. */
  custom: z.boolean(),
  /** Role-editor key of the permissions governing it, e.g. `obj:vehicles`. */
  permissionModule: z.string(),
  /** Fields in display order, archived ones included (flagged). */
  fields: z.array(fieldDefSchema),
  /** Keys of the select fields a kanban can group by. */
  kanbanFields: z.array(fieldKey),
  /** The caller's rights on this object. */
  permissions: objectPermissions,
  /** Bumped on every definition change. */
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type RecordType = z.infer<typeof recordTypeSchema>;
export const recordTypeList = z.object({ data: z.array(recordTypeSchema) });

/** Creating a custom object. Without a text field named by titleField, a required text field `name` is added as the title. */
export const recordTypeInput = z.strictObject({
  name: objectName,
  labels: objectLabels,
  icon: z.string().regex(/^[a-z0-9-]{1,40}$/).optional().describe('Default `box`'),
  titleField: fieldKey.optional().describe('Default `name` (created when absent)'),
  fields: z.array(fieldInput).max(100).optional(),
});
export type RecordTypeInput = z.input<typeof recordTypeInput>;

export const recordTypePatch = z.strictObject({
  labels: objectLabels.optional(),
  icon: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  /** Must name a text field of the object. */
  titleField: fieldKey.optional(),
});
export type RecordTypePatch = z.input<typeof recordTypePatch>;
export const recordTypeParams = z.object({ name: objectName.describe('Object API name') });
export const fieldParams = z.object({ name: objectName.describe('Object API name'), key: fieldKey.describe('Field key') });

// ───────────────────────── records ─────────────────────────

/** Money value: integer minor units (VND has none, USD cents) and the field's currency. */
export const moneyValue = z.object({ amount: z.number().int(), currency: z.string() });
export type MoneyValue = z.infer<typeof moneyValue>;
/** A relation value resolved by `include`: the id and the target record's title. */
export const relatedRef = z.object({ id: idSchema, title: z.string() });
export type RelatedRef = z.infer<typeof relatedRef>;
/** One file of an attachments field (download at `/objects/{name}/{id}/fields/{key}/files/{fileId}`). */
export const fieldFile = z.object({ id: idSchema, name: z.string(), size: z.number().int(), contentType: z.string() });
export type FieldFile = z.infer<typeof fieldFile>;
export const fieldFileParams = z.object({ name: objectName, id: idSchema, key: fieldKey });
export const fieldFileIdParams = fieldFileParams.extend({ fileId: idSchema });
export const fieldFileList = z.object({ data: z.array(fieldFile) });

export const recordSchema = z.object({
  id: idSchema,
  /** Optimistic-lock version; also sent as the ETag. */
  version: z.number().int(),
  /** Field values by key (see fieldTypes for each shape); null when empty or masked. */
  values: z.record(z.string(), z.unknown()),
  /** Value of the object's title field, as text ('' when empty or masked). */
  title: z.string(),
  ownerId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  createdBy: idSchema.nullable(),
  updatedBy: idSchema.nullable(),
  /** Set while the record is in the recycle bin. */
  deletedAt: isoDateTime.nullable(),
  /** Keys whose values are hidden from the caller by classification. */
  masked: z.array(z.string()),
  /** With `include=<relation keys>`: each requested relation resolved, null when empty or not visible to the caller. */
  included: z.record(z.string(), relatedRef.nullable()).optional(),
  /** With `include=<relations keys>` naming many-to-many fields: each resolved to its linked records the caller may see. */
  includedMany: z.record(z.string(), z.array(relatedRef)).optional(),
});
export type RecordData = z.infer<typeof recordSchema>;
export const recordPage = pageOf(recordSchema);

/** Create: values by field key (unknown keys → 400 `values.<key>`); owner defaults to the caller, team to the owner's. */
export const recordInput = z.strictObject({
  values: z.record(z.string(), z.unknown()).default({}),
  ownerId: idSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
});
export type RecordInput = z.input<typeof recordInput>;
/** Update: only the given values change; `version` is an alternative to If-Match. */
export const recordPatch = z.strictObject({
  values: z.record(z.string(), z.unknown()).optional(),
  ownerId: idSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  version: z.number().int().optional(),
});
export type RecordPatch = z.input<typeof recordPatch>;
export const recordParams = z.object({ name: objectName.describe('Object API name'), id: idSchema.describe('Record id') });

/**
 * Filter operators. eq/neq: any type (select: option value; multi_select: contains that option);
 * contains: text-like; gt/gte/lt/lte: number, money (minor units), percent, rating, date, datetime;
 * in: an array of values (select, text, user, relation...); empty/not_empty: no value (any type).
 * has_any/has_all: many-to-many (relations) fields only, an array of 1–100 ids: linked to any / every one of them.
 * relations and attachments fields take only these (attachments: empty/not_empty).
 */
export const recordFilterOps = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'in', 'empty', 'not_empty', 'has_any', 'has_all'] as const;
export const recordFilterOp = z.enum(recordFilterOps);
export type RecordFilterOp = z.infer<typeof recordFilterOp>;
/**
 * One condition. `field`: a field key; a system field (`id`, `ownerId`, `teamId`, `createdAt`, `updatedAt`);
 * or `<relationKey>.<targetFieldKey>` for a field of the related custom object (one hop; through a many-to-many
 * field: any of the linked records matches).
 */
export const recordFilter = z.strictObject({ field: z.string().min(1).max(90), op: recordFilterOp, value: z.unknown().optional() });
export type RecordFilter = z.infer<typeof recordFilter>;
export const recordFilterList = z.array(recordFilter).max(30);

/** `filter` travels in the query string as JSON text, e.g. `filter=[{"field":"status","op":"eq","value":"new"}]`. */
export const recordListQuery = z.object({
  filter: z.string().max(8000).optional().describe('JSON array of {field, op, value}'),
  sort: z.string().max(300).optional().describe('Comma-separated keys, `-` for descending, e.g. `-price,name`; default `-createdAt`'),
  q: z.string().max(200).optional().describe('Search the searchable text fields'),
  include: z.string().max(500).optional().describe('Comma-separated relation keys to resolve into `included`'),
  deleted: z.enum(['true', 'false']).optional().describe('true: the recycle bin instead of live records'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Rows per page (1–200)'),
  cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
});
export type RecordListQuery = z.input<typeof recordListQuery>;
export const recordCountQuery = recordListQuery.pick({ filter: true, q: true, deleted: true });
/** Capped count: exact up to 10,000, else `{ count: 10000, capped: true }`. */
export const recordCount = z.object({ count: z.number().int(), capped: z.boolean() });

/** Bulk: update the same values on, or delete, up to 500 records — all or nothing (one transaction). */
export const recordBulkBody = z.strictObject({
  action: z.enum(['update', 'delete']),
  ids: z.array(idSchema).min(1).max(500),
  /** For update: the values to set on every record. */
  values: z.record(z.string(), z.unknown()).optional(),
});
export const recordBulkResult = z.object({ count: z.number().int() });

/** One entry of a record's timeline. Values of fields the caller may not see are null, with the key in `masked`. */
export const recordEventSchema = z.object({
  id: idSchema,
  type: z.enum(['created', 'updated', 'deleted', 'restored']),
  at: isoDateTime,
  actorId: idSchema.nullable(),
  /** Name or email of the actor when known. */
  actorLabel: z.string().nullable(),
  /** Per changed field key: previous and new value (created: old null; deleted/restored: empty). */
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
  masked: z.array(z.string()),
});
export type RecordEvent = z.infer<typeof recordEventSchema>;
export const recordEventPage = pageOf(recordEventSchema);

export const recordExportQuery = recordListQuery.pick({ filter: true, sort: true, q: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

/** Import result: rows created, and each failed row with the field path and message (1-based row numbers, header = row 1). */
export const recordImportResult = z.object({
  created: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), path: z.string(), message: z.string() })),
});
export type RecordImportResult = z.infer<typeof recordImportResult>;

/** Records of every object pointing at one contact, company or record, grouped by object and field (first 20 each). */
export const byRelationParams = z.object({ target: objectName, id: idSchema });
export const byRelationResult = z.object({
  data: z.array(z.object({
    /** The pointing object's API name. */
    object: objectName,
    /** Its relation field's key. */
    field: fieldKey,
    records: z.array(recordSchema),
    /** More than the records listed exist. */
    more: z.boolean(),
  })),
});
export type ByRelationResult = z.infer<typeof byRelationResult>;

/** `GET /record-search?q=`: live records of every object the caller may read whose searchable text contains `q`. */
export const recordSearchQuery = z.object({
  q: z.string().trim().min(2).max(200).describe('At least 2 characters; accents and case are ignored'),
  limit: z.coerce.number().int().min(1).max(20).default(5).describe('Results per object (1–20)'),
});
export const recordSearchResult = z.object({
  data: z.array(z.object({
    /** The object's API name. */
    object: objectName,
    id: idSchema,
    /** The record's title ('' when masked). */
    title: z.string(),
  })),
});
export type RecordSearchResult = z.infer<typeof recordSearchResult>;

/** `GET /record-search/refs?refs=contacts:<id>,deals:<id>`: titles of the listed records the caller may see. */
const recordRef = '[a-z][a-z0-9_]{0,62}:[0-9A-Za-z_-]{8,64}';
export const recordRefsQuery = z.object({
  refs: z.string().regex(new RegExp(`^${recordRef}(,${recordRef}){0,19}$`), 'up to 20 comma-separated object:id pairs')
    .describe('Up to 20 comma-separated `object:id` pairs (object: an API name such as contacts, companies, deals)'),
});
/** The pairs of a valid `refs` parameter. */
export function parseRecordRefs(refs: string): { object: string; id: string }[] {
  return [...new Set(refs.split(','))].map((x) => {
    const [object = '', id = ''] = x.split(':');
    return { object, id };
  });
}
export const recordRefsResult = z.object({
  data: z.array(z.object({
    /** The object's API name. */
    object: z.string(),
    id: idSchema,
    /** The record's title ('' when masked). */
    title: z.string(),
    /** The object's singular name in each language ("Deal" / "Cơ hội"). */
    label: z.object({ en: z.string(), vi: z.string() }),
  })),
});
export type RecordRefsResult = z.infer<typeof recordRefsResult>;
