/**
 * The records platform's public surface: definitions and their registry, the write pipeline, reads, metadata
 * changes, masking presenters. See README.md beside this file.
 */
export type { FieldDefinition, ObjectDefinition, ObjectHooks, ObjectIntake, RelationTarget, WriteContext } from './definitions.js';
export { nameProblem } from './definitions.js';
export { field, option, ordered } from './define.js';
export { fresh, bumpMetaVersion, registerStandardObject, standardObjects, registerRelationTarget, relationTargets, attachPermissionList, invalidateDefinitions, metaVersion } from './registry.js';
export { pipeline, engineConfig, loadLive, type WriteInput } from './pipeline.js';
export { reads, specOf } from './reads.js';
export { metadata } from './metadata.js';
export { presentRecord, presentType, presentEvent, maskedKeys, rowValues } from './presenter.js';
export { listConditions, orderBy, linkFilterTuning } from './query.js';
export { recordsRepository, COUNT_CAP, type RecordRow } from './repository.js';
export { assertCan, assertVisible, canSeeField, scopeWhere } from './policy.js';
export { fromColumn, fromRow, valueText, checkValue, toColumn, columnsOf, ANY_CURRENCY } from './values.js';

import type { Executor } from '../db/db.js';
import { notFound } from '../http/errors.js';
import type { ObjectDefinition } from './definitions.js';
import { fresh } from './registry.js';

/** The current definition of an object by API name, or 404. */
export async function definitionOf(ex: Executor, name: string): Promise<{ def: ObjectDefinition; defs: Map<string, ObjectDefinition> }> {
  const defs = await fresh(ex);
  const def = defs.get(name);
  if (!def) throw notFound('record type');
  return { def, defs };
}
