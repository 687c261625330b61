/** Who may see and change which contacts and companies: visibility scopes and field classification. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { canAccessRecord, canSeeClassification, scopeOf, type Classification, type Principal } from '../../platform/auth/principal.js';
import { AppError, notFound } from '../../platform/http/errors.js';

export type ScopedModule = 'contacts' | 'companies';

/**
 * SQL condition restricting rows of `table` to the principal's visibility scope in `module`:
 * own → owner_id = me; team → team_id in my teams or owner_id = me; all → true; no read grant → false.
 * Example: `qb.where(scopeCondition(p, 'contacts', 'contacts'))`.
 */
export function scopeCondition(p: Principal, module: ScopedModule, table: string): RawBuilder<SqlBool> {
  const scope = scopeOf(p, module);
  const owner = sql.ref(`${table}.owner_id`);
  const team = sql.ref(`${table}.team_id`);
  if (scope === 'all') return sql<SqlBool>`1 = 1`;
  if (scope === 'own') return sql<SqlBool>`${owner} = ${p.userId}`;
  if (scope === 'team') {
    if (p.teamIds.length === 0) return sql<SqlBool>`${owner} = ${p.userId}`;
    return sql<SqlBool>`(${owner} = ${p.userId} or ${team} in (${sql.join(p.teamIds)}))`;
  }
  return sql<SqlBool>`1 = 0`;
}

/** Chainable form: `applyScope(qb, principal, 'contacts')` on a query over the contacts table. */
export function applyScope<QB extends { where(e: RawBuilder<SqlBool>): QB }>(qb: QB, p: Principal, module: ScopedModule, table: string = module): QB {
  return qb.where(scopeCondition(p, module, table));
}

/** Throws 404 (not 403: existence is not disclosed) when the record lies outside the principal's scope. */
export function assertInScope(p: Principal, module: ScopedModule, record: { owner_id: string | null; team_id: string | null }, what: string): void {
  if (!canAccessRecord(p, module, { ownerId: record.owner_id, teamId: record.team_id })) throw notFound(what);
}

/** After a write the record must stay visible to its writer: assigning it away beyond one's scope is a 403. */
export function assertStaysInScope(p: Principal, module: ScopedModule, ownerId: string | null, teamId: string | null, field = 'ownerId'): void {
  if (!canAccessRecord(p, module, { ownerId, teamId })) {
    throw new AppError('forbidden', `${field}: this owner/team lies outside your visibility scope`, [{ path: field, message: 'outside your visibility scope' }]);
  }
}

/**
 * May the reader see a record another one links to (a contact's company, a company's parent)? Its name is
 * shown, and a new link to it accepted, only then.
 */
export function canSeeLinked(p: Principal, module: ScopedModule, linked: { owner_id: string | null; team_id: string | null }): boolean {
  return canAccessRecord(p, module, { ownerId: linked.owner_id, teamId: linked.team_id });
}

export function canSeeField(p: Principal, classification: string): boolean {
  return canSeeClassification(p, classification as Classification);
}
