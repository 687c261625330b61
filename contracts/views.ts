/**
 * Saved views of a list: filters, sort and columns, private to their owner or shared with a team.
 * GET /views lists mine plus those shared with my teams; only the owner (or an admin) edits or deletes.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';
import { filterList } from './contacts.js';

export const viewEntity = z.enum(['contact', 'company']);
export const viewVisibility = z.enum(['private', 'team']);

export const viewSchema = z.object({
  id: idSchema,
  entity: viewEntity,
  name: z.string(),
  filters: filterList,
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
export type SavedView = z.infer<typeof viewSchema>;

export const viewInput = z.strictObject({
  entity: viewEntity,
  name: z.string().trim().min(1).max(120),
  filters: filterList.default([]),
  sort: z.string().max(300).nullable().optional(),
  columns: z.array(z.string().max(80)).max(60).default([]),
  visibility: viewVisibility.default('private'),
  /** For team views; defaults to the creator's team. */
  teamId: idSchema.nullable().optional(),
});
export type ViewInput = z.infer<typeof viewInput>;
export const viewPatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  filters: filterList.optional(),
  sort: z.string().max(300).nullable().optional(),
  columns: z.array(z.string().max(80)).max(60).optional(),
  visibility: viewVisibility.optional(),
  teamId: idSchema.nullable().optional(),
});
export type ViewPatch = z.infer<typeof viewPatch>;
export const viewListQuery = z.object({ entity: viewEntity.optional() });
export const viewList = z.object({ data: z.array(viewSchema) });
