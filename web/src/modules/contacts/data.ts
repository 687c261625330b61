/**
 * Data hooks shared by the contacts screens: lifecycle stages, custom-field definitions, people and
 * teams for pickers, and the wire types (from contracts/, types only).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Company, Contact, FilterCondition, LifecycleStage } from '../../../../contracts/contacts';
import type { CustomField } from '../../../../contracts/custom-fields';
import type { SavedView } from '../../../../contracts/views';
import type { Team, User } from '../../../../contracts/identity';
import { api, ApiError, type Page } from '../../app/api';
import { useUser } from '../../app/auth';
import { localized, type Entity } from './logic';

export type { Company, Contact, CustomField, FilterCondition, LifecycleStage, SavedView };

export const entityPath = (e: Entity) => (e === 'contact' ? '/contacts' : '/companies');
export const recordPath = (e: Entity, id: string) => `${entityPath(e)}/${id}`;

export function useStages() {
  return useQuery({
    queryKey: ['/settings/lifecycle-stages'],
    queryFn: ({ signal }) => api.get<{ stages: LifecycleStage[] }>('/settings/lifecycle-stages', undefined, { signal }),
    staleTime: 60_000,
    select: (d) => d.stages,
  });
}

/** Stage label in the UI language; the raw key when the stage was removed from the settings. */
export function useStageLabel() {
  const { i18n } = useTranslation();
  const stages = useStages().data ?? [];
  return (value: string) => {
    const s = stages.find((x) => x.value === value);
    return s ? localized(s.label, i18n.language) : value;
  };
}

export function useCustomFields(entity: Entity) {
  return useQuery({
    queryKey: ['/custom-fields', entity],
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/custom-fields', { entity }, { signal }),
    staleTime: 60_000,
    select: (d) => [...d.data].sort((a, b) => a.position - b.position),
  });
}

export interface Option {
  value: string;
  label: string;
}

/** Every row of an admin list, or null when the caller may not read it (403): pickers then fall back. */
async function allOrNull<T>(path: string, signal: AbortSignal): Promise<T[] | null> {
  const out: T[] = [];
  let cursor: string | null = null;
  try {
    do {
      const page: Page<T> = await api.get<Page<T>>(path, { limit: 200, cursor: cursor ?? undefined }, { signal });
      out.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor && out.length < 2000);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return null;
    throw e;
  }
  return out;
}

/**
 * People to pick as owner. The user list is admin-only on the server; other users get themselves plus
 * whoever already owns a record they can see (`known`), which is enough to reassign within the team.
 */
export function usePeople(known: Option[] = []): Option[] {
  const me = useUser();
  const q = useQuery({
    queryKey: ['/users', 'picker'],
    queryFn: ({ signal }) => allOrNull<User>('/users', signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const map = new Map<string, string>();
  map.set(me.id, me.name);
  for (const u of q.data ?? []) if (u.active) map.set(u.id, u.name);
  for (const k of known) if (!map.has(k.value)) map.set(k.value, k.label);
  return [...map].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

export function useTeamOptions(): Option[] | null {
  const q = useQuery({
    queryKey: ['/teams', 'picker'],
    queryFn: ({ signal }) => allOrNull<Team>('/teams', signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!q.data) return null;
  return q.data.map((t) => ({ value: t.id, label: t.name })).sort((a, b) => a.label.localeCompare(b.label));
}

export function useViews(entity: Entity) {
  return useQuery({
    queryKey: ['/views', entity],
    queryFn: ({ signal }) => api.get<{ data: SavedView[] }>('/views', { entity }, { signal }),
    select: (d) => d.data,
  });
}

/** Refreshes every cached list, kanban and record of an entity. */
export function useInvalidateEntity() {
  const qc = useQueryClient();
  return (e: Entity) => qc.invalidateQueries({ queryKey: [entityPath(e)] });
}

export const isStale = (e: unknown) => e instanceof ApiError && e.status === 412;
