/**
 * What a record type is, on the server: an object definition (labels, title field, fields, where its rows
 * live, which permission module governs it). Custom objects come from the metadata tables; standard objects
 * are the same shape declared in code by their module (`registerStandardObject`) over a table their module's
 * migration creates, plus domain hooks (see README.md, "Standard objects").
 */
import type { FieldDisplay, FieldType, ObjectLabels, SelectOption, FieldLabels, RollupSpec } from '../../../../contracts/records.js';
import type { Classification, Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/db.js';
import type { ColumnKind } from '../db/records-ddl.js';
import { sqlKeywords } from '../db/records-ddl.js';
import type { Expr } from './formula.js';

/**
 * A computed field's definition (type formula or rollup): the value's type, and the parsed formula or the rollup.
 * Computed fields are read-only; their values are stored in their column and recomputed by the write pipeline.
 */
export interface ComputedSpec {
  resultType: FieldType;
  formula?: string;
  /** Parsed `formula` (registry load). */
  expr?: Expr;
  rollup?: RollupSpec;
}

export interface FieldDefinition {
  key: string;
  type: FieldType;
  /** Column in the object's table (`f_<key>` for custom objects). */
  column: string;
  labels: FieldLabels;
  help: FieldLabels | null;
  required: boolean;
  unique: boolean;
  default: unknown;
  classification: Classification;
  filterable: boolean;
  sortable: boolean;
  searchable: boolean;
  options: SelectOption[] | null;
  currency: string | null;
  relationTarget: string | null;
  readOnly: boolean;
  archived: boolean;
  position: number;
  /** Formula and rollup fields only. */
  computed?: ComputedSpec | null;
  /** How clients show and pick the value (standard objects' text fields holding an id, e.g. a ticket's `team`). */
  display?: FieldDisplay;
}

/** The type a field's values are stored and presented as: a computed field's result type, else its type. */
export function storedType(f: Pick<FieldDefinition, 'type' | 'computed'>): FieldType {
  return f.computed ? f.computed.resultType : f.type;
}

export interface ObjectDefinition {
  name: string;
  labels: ObjectLabels;
  icon: string;
  titleField: string;
  table: string;
  custom: boolean;
  /** Role-editor key: `object:<name>` for custom objects. */
  permissionModule: string;
  fields: FieldDefinition[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** A standard object's own API path under /api/v1 (`deals`); custom objects answer at `objects/<name>`. */
  apiPath?: string;
  /**
   * Fills the parts of a standard object's definition that live in its module's tables (a deal's stage options
   * come from its pipelines). Runs on a copy at every registry load; the module bumps `record_meta.version`
   * (`bumpMetaVersion`) in the transaction that changes those tables, so every node reloads.
   */
  prepare?(db: Executor, def: ObjectDefinition): Promise<void>;
  /** Domain logic of a standard object, run by the write pipeline inside the write's transaction. */
  hooks?: ObjectHooks;
  /** A second body shape a standard object's own create route (`POST /<apiPath>`) takes in (see `ObjectIntake`). */
  intake?: ObjectIntake;
}

/**
 * A body the engine's `{ values }` schema would refuse, taken in by the module instead on the object's own create
 * route: an order from a shop (`POST /orders` with `externalId`). Only that route carries the hooks that check for it.
 */
export interface ObjectIntake {
  /** True when the body is this shape (checked before the engine's schema). */
  accepts(body: unknown): boolean;
  /** Takes the body in after the caller is authenticated; validation errors are 400s naming the field. */
  take(ctx: AppContext, principal: Principal, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** What a hook sees of one write. `values` are the checked wire values being written (by key). */
export interface WriteContext {
  trx: Executor;
  def: ObjectDefinition;
  defs: Map<string, ObjectDefinition>;
  principal: Principal;
  id: string;
  kind: 'created' | 'updated' | 'deleted' | 'restored';
  /** Stored values before the write (null on create). */
  before: Record<string, unknown> | null;
  /**
   * Values this write sets. `beforeWrite` may add or replace entries (derived fields, read-only fields
   * included) and throw an AppError naming `values.<key>`; they are written with the rest.
   */
  values: Record<string, unknown>;
  /** Owner after the write. On create, `beforeWrite` may replace it (and `teamId`): e.g. a lead's assignment rules. */
  ownerId: string | null;
  /** Team after the write (see `ownerId`). */
  teamId?: string | null;
  /** True when the writer named the owner (`ownerId` in the input); false when it defaulted to the writer. */
  ownerGiven?: boolean;
}

/** Domain hooks of a standard object (deals: stage rules and stage history; tasks: reminders; ...). */
export interface ObjectHooks {
  /** Before the row is written (after type checks, references and scope). */
  beforeWrite?(ctx: WriteContext): Promise<void>;
  /** After the row, its event, audit entry and outbox event are written; `changes` holds old → new per key. */
  afterWrite?(ctx: WriteContext & { after: Record<string, unknown>; changes: Record<string, { old: unknown; new: unknown }> }): Promise<void>;
}

/**
 * A record type the engine can point relations at and read titles from without owning it (contacts and
 * companies today, registered by modules/records): its table, title column and permission module.
 */
export interface RelationTarget {
  name: string;
  table: string;
  titleColumn: string;
  permissionModule: string;
  labels: ObjectLabels;
}

/** Storage class of each field type's column. */
export const columnKindOf: Record<FieldType, ColumnKind> = {
  text: 'text', long_text: 'text', email: 'text', phone: 'text', url: 'text', user: 'text', relation: 'text',
  select: 'text', date: 'text', datetime: 'text', number: 'real', percent: 'real', money: 'bigint',
  rating: 'integer', boolean: 'integer', multi_select: 'json',
  // A copy of the list for reads and diffs; record_links (relations) and record_files (attachments) hold the rows.
  relations: 'json', attachments: 'json',
  // Computed fields take the column of their result type (columnKindOf[resultType]); these are never used alone.
  formula: 'text', rollup: 'real',
};

/** Types whose values can be searched with `q`, and are searchable by default. */
export const searchableTypes: ReadonlySet<FieldType> = new Set(['text', 'email', 'phone', 'url', 'long_text']);
/** Types that get no index and cannot be sorted (long or list values). */
export const unindexedTypes: ReadonlySet<FieldType> = new Set(['long_text', 'multi_select', 'relations', 'attachments']);
/** List types whose rows live beside the object's table (many-to-many links, files). */
export const listTypes: ReadonlySet<FieldType> = new Set(['relations', 'attachments']);
/** Computed types (read-only, values derived by the pipeline). */
export const computedTypes: ReadonlySet<FieldType> = new Set(['formula', 'rollup']);
/** Types a unique constraint makes sense on. */
export const uniqueTypes: ReadonlySet<FieldType> = new Set(['text', 'email', 'phone', 'url', 'number']);

/** Names the engine uses itself (system columns, routes, wire keys): never an object or field name. */
const reserved = new Set([
  'id', 'version', 'owner', 'owner_id', 'team', 'team_id', 'created_at', 'updated_at', 'created_by', 'updated_by',
  'deleted_at', 'search_text', 'values', 'title', 'masked', 'included', 'count', 'bulk', 'export', 'import', 'deleted',
  'by_relation', 'search', 'timeline', 'restore', 'record_types', 'objects', 'contacts', 'companies', 'users', 'teams', 'roles',
  'views', 'activities', 'api', 'admin', 'settings', 'rowid', 'oid', 'ctid', 'xmin', 'xmax', 'tableoid',
  'leads', 'deals', 'pipelines', 'tasks', 'tickets', 'products', 'quotes', 'orders', 'invoices', 'payments', 'contracts',
  'warranties', 'forecast', 'quotas', 'public', 'calendar',
]);

/**
 * Why a name may not be used for an object or field, or null when it may.
 * Example: nameProblem('select') → 'is an SQL keyword'.
 */
export function nameProblem(name: string): string | null {
  if (reserved.has(name)) return 'is reserved';
  if (sqlKeywords.has(name)) return 'is an SQL keyword';
  if (name.startsWith('pg_') || name.startsWith('sqlite_')) return 'is reserved';
  return null;
}

/** Field by key (archived included), or undefined. */
export function fieldOf(def: ObjectDefinition, key: string): FieldDefinition | undefined {
  return def.fields.find((f) => f.key === key);
}
