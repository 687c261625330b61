/**
 * Saved views of a list: filters, sort and columns, private to their owner or shared with a team.
 * GET /views lists mine plus those shared with my teams; only the owner (or an admin) edits or deletes.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';
import { filterList, filterOps, type FilterCondition } from './contacts.js';
import { recordFilterOps } from './records.js';

/** `contact`, `company`, or `object:<api name>` for a records-platform object (e.g. `object:vehicles`). */
export const viewEntity = z.union([z.enum(['contact', 'company']), z.string().regex(/^object:[a-z][a-z0-9_]{1,39}$/, 'contact, company or object:<name>')]);
/** Conditions of a view: contact/company operators (contracts/contacts.ts) or records-platform ones (contracts/records.ts). */
const viewFilterOp = z.enum([...new Set([...filterOps, ...recordFilterOps])] as [string, ...string[]]);
const viewFilterList = z.array(z.strictObject({ field: z.string().min(1).max(90), op: viewFilterOp, value: z.unknown().optional() })).max(30);
export const viewVisibility = z.enum(['private', 'team']);

export const viewSchema = z.object({
  id: idSchema,
  entity: viewEntity,
  name: z.string(),
  filters: viewFilterList,
  /** Same syntax as the list `sort` parameter, e.g. `familyName,-createdAt`. */
  sort: z.string().nullable(),
  /** Visible column keys, in order. */
  columns: z.array(z.string()),
  visibility: viewVisibility,
  teamId: idSchema.nullable(),
  ownerId: idSchema,
  /** True when the caller may edit or delete it. */
  editable: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
/** A saved view; `F` is its filter shape (contact filters by default, RecordFilter for objects). */
export type SavedView<F = FilterCondition> = Omit<z.infer<typeof viewSchema>, 'filters' | 'entity'> & {
  entity: 'contact' | 'company' | `object:${string}`;
  filters: F[];
};

export const viewInput = z.strictObject({
  entity: viewEntity,
  name: z.string().trim().min(1).max(120),
  filters: viewFilterList.default([]),
  sort: z.string().max(300).nullable().optional(),
  columns: z.array(z.string().max(80)).max(60).default([]),
  visibility: viewVisibility.default('private'),
  /** For team views; defaults to the creator's team. */
  teamId: idSchema.nullable().optional(),
}).superRefine((v, ctx) => {
  // A contact or company view keeps the contacts list's operators; an object view the records platform's.
  const ops: readonly string[] = v.entity.startsWith('object:') ? recordFilterOps : filterList.element.shape.op.options;
  v.filters.forEach((f, i) => {
    if (!ops.includes(f.op)) ctx.addIssue({ code: 'custom', path: ['filters', i, 'op'], message: `not an operator of ${v.entity} lists` });
  });
});
export type ViewInput = z.infer<typeof viewInput>;
export const viewPatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  filters: viewFilterList.optional(),
  sort: z.string().max(300).nullable().optional(),
  columns: z.array(z.string().max(80)).max(60).optional(),
  visibility: viewVisibility.optional(),
  teamId: idSchema.nullable().optional(),
});
export type ViewPatch = z.infer<typeof viewPatch>;
export const viewListQuery = z.object({ entity: viewEntity.optional() });
export const viewList = z.object({ data: z.array(viewSchema) });
