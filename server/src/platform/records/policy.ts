/** Who may see and change which records of an object: permissions, visibility scope, field classification. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { can, canAccessRecord, canSeeClassification, scopeOf, type Action, type Principal } from '../auth/principal.js';
import { AppError, notFound } from '../http/errors.js';
import type { ObjectPermissions } from '../../../../contracts/records.js';
import type { FieldDefinition } from './definitions.js';

/**
 * SQL condition restricting rows of `alias` to the principal's scope in `module`:
 * own → owner is me; team → owner is me or the row's team is one of mine; all → true; no read → false.
 * Example: `.where(scopeWhere(p, 'object:vehicles', 'r'))`.
 */
export function scopeWhere(p: Principal, module: string, alias: string): RawBuilder<SqlBool> {
  const scope = scopeOf(p, module);
  const owner = sql.ref(`${alias}.owner_id`);
  if (scope === 'all') return sql<SqlBool>`1 = 1`;
  if (scope === 'own') return sql<SqlBool>`${owner} = ${p.userId}`;
  if (scope === 'team') {
    if (p.teamIds.length === 0) return sql<SqlBool>`${owner} = ${p.userId}`;
    return sql<SqlBool>`(${owner} = ${p.userId} or ${sql.ref(`${alias}.team_id`)} in (${sql.join(p.teamIds)}))`;
  }
  return sql<SqlBool>`1 = 0`;
}

/** May the principal see this row? (Same rule as scopeWhere, for one loaded row.) */
export function canSeeRow(p: Principal, module: string, row: { owner_id: string | null; team_id: string | null }): boolean {
  return canAccessRecord(p, module, { ownerId: row.owner_id, teamId: row.team_id });
}

/** Throws 404 (existence is not disclosed) unless the principal may see the row. */
export function assertVisible(p: Principal, module: string, row: { owner_id: string | null; team_id: string | null }, what: string): void {
  if (!canSeeRow(p, module, row)) throw notFound(what);
}

/** Throws 403 unless the role grants the action on the object. */
export function assertCan(p: Principal, module: string, action: Action): void {
  if (!can(p, module, action)) throw new AppError('forbidden', `Your role does not allow ${action} on ${module}`);
}

/** After a write the record must stay visible to its writer: assigning it beyond one's scope is a 403. */
export function assertStaysVisible(p: Principal, module: string, ownerId: string | null, teamId: string | null): void {
  if (!canAccessRecord(p, module, { ownerId, teamId })) {
    throw new AppError('forbidden', 'ownerId: this owner/team lies outside your visibility scope', [{ path: 'ownerId', message: 'outside your visibility scope' }]);
  }
}

export function canSeeField(p: Principal, f: Pick<FieldDefinition, 'classification'>): boolean {
  return canSeeClassification(p, f.classification);
}

/** The caller's rights on an object, as `GET /record-types` reports them. */
export function permissionsOf(p: Principal, module: string): ObjectPermissions {
  return {
    read: can(p, module, 'read'), create: can(p, module, 'create'), update: can(p, module, 'update'),
    delete: can(p, module, 'delete'), export: can(p, module, 'export'), manage: can(p, module, 'manage'),
    scope: scopeOf(p, module),
  };
}
