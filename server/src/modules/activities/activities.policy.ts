/**
 * Who may see and change activities. An activity is visible when its owner is within the principal's
 * activities scope, or when the contact/company it belongs to is visible (reading a record's timeline
 * needs read on that record). Writing needs the activities action and the owner within scope.
 */
import { can, canAccessRecord, scopeOf, type Action, type Principal } from '../../platform/auth/principal.js';
import type { OwnerScope } from './activities.repository.js';

export const recordModule = { contact: 'contacts', company: 'companies' } as const;

/** Restriction for activity lists: null = every activity, 'none' = nothing, else owners in scope. */
export function activityOwnerScope(p: Principal): OwnerScope | null | 'none' {
  const scope = scopeOf(p, 'activities');
  if (scope === null) return 'none';
  if (scope === 'all') return null;
  return { userId: p.userId, teamIds: scope === 'team' ? p.teamIds : [] };
}

export function canSeeRecord(p: Principal, entity: 'contact' | 'company', rec: { owner_id: string | null; team_id: string | null }): boolean {
  return canAccessRecord(p, recordModule[entity], { ownerId: rec.owner_id, teamId: rec.team_id });
}

export function ownsInScope(p: Principal, a: { owner_id: string | null; team_id: string | null }): boolean {
  return canAccessRecord(p, 'activities', { ownerId: a.owner_id, teamId: a.team_id });
}

/** Update/delete/complete: the action on activities and the activity's owner within the principal's scope. */
export function canChange(p: Principal, a: { owner_id: string | null; team_id: string | null }, action: Action): boolean {
  return can(p, 'activities', action) && (ownsInScope(p, a) || a.owner_id === p.userId);
}

/** Assigning an activity to someone else needs a scope that still sees it afterwards. */
export function canAssignTo(p: Principal, owner: { id: string; team_id: string | null }): boolean {
  if (owner.id === p.userId || p.isAdmin) return true;
  return canAccessRecord(p, 'activities', { ownerId: owner.id, teamId: owner.team_id });
}
