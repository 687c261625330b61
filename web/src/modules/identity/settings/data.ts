import { useQueryClient } from '@tanstack/react-query';
import type { ApiKey, PermissionModule, Role, Team, User } from '../../../../../contracts/identity';
import { ApiError } from '../../../app/api';
import { useAllPages } from '../../../app/queries';

export type { ApiKey, PermissionModule, Role, Team, User };

export const useRoles = () => useAllPages<Role>('/roles');
export const useTeams = () => useAllPages<Team>('/teams');

/** Refreshes every cached view of the given list paths; on a 412 too, so "reload" has fresh data. */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...paths: string[]) => Promise.all(paths.map((p) => qc.invalidateQueries({ queryKey: [p] })));
}

export const isStale = (e: unknown) => e instanceof ApiError && e.status === 412;

/** Select options for roles and teams (teams shown with their path, "Sales › North"). */
export function roleOptions(roles: Role[] | undefined) {
  return (roles ?? []).map((r) => ({ value: r.id, label: r.name }));
}

export function teamPath(team: Team, byId: Map<string, Team>): string {
  const names = [team.name];
  let parent = team.parentId ? byId.get(team.parentId) : undefined;
  const seen = new Set([team.id]);
  while (parent && !seen.has(parent.id)) {
    names.unshift(parent.name);
    seen.add(parent.id);
    parent = parent.parentId ? byId.get(parent.parentId) : undefined;
  }
  return names.join(' › ');
}

export function teamOptions(teams: Team[] | undefined, exclude: Set<string> = new Set()) {
  const list = teams ?? [];
  const byId = new Map(list.map((t) => [t.id, t]));
  return list
    .filter((t) => !exclude.has(t.id))
    .map((t) => ({ value: t.id, label: teamPath(t, byId) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
