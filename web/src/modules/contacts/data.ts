/**
 * Data hooks shared by the contacts screens: lifecycle stages, custom-field definitions, people and
 * teams for pickers, and the wire types (from contracts/, types only).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Company, Contact, ContactSettings, FilterCondition, LifecycleStage } from '../../../../contracts/contacts';
import type { CustomField } from '../../../../contracts/custom-fields';
import type { SavedView } from '../../../../contracts/views';
import type { Directory } from '../../../../contracts/identity';
import { api, ApiError } from '../../app/api';
import { useUser } from '../../app/auth';
import { localized, type Entity } from './logic';
import { entityPath } from './paths';

export type { Company, Contact, CustomField, FilterCondition, LifecycleStage, SavedView };
export { entityPath, recordPath } from './paths';

/**
 * The workspace's default phone region (KITH_DEFAULT_REGION, from GET /settings/contacts): phones of that region
 * are shown in their national form. null until known (numbers then show internationally, never wrongly).
 */
export function usePhoneRegion(): string | null {
  return useQuery({
    queryKey: ['/settings/contacts'],
    queryFn: ({ signal }) => api.get<ContactSettings>('/settings/contacts', undefined, { signal }),
    staleTime: Infinity,
    select: (d) => d.defaultRegion,
  }).data ?? null;
}

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

/** Colleagues and teams from the directory every signed-in user may read (GET /directory). */
function useDirectory() {
  return useQuery({
    queryKey: ['/directory'],
    queryFn: ({ signal }) => api.get<Directory>('/directory', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** People to pick as owner: active colleagues, plus owners already on visible records (e.g. deactivated). */
export function usePeople(known: Option[] = []): Option[] {
  const me = useUser();
  const q = useDirectory();
  const map = new Map<string, string>();
  map.set(me.id, me.name);
  for (const u of q.data?.users ?? []) map.set(u.id, u.name);
  for (const k of known) if (!map.has(k.value)) map.set(k.value, k.label);
  return [...map].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

export function useTeamOptions(): Option[] | null {
  const q = useDirectory();
  if (!q.data) return null;
  return q.data.teams.map((t) => ({ value: t.id, label: t.name })).sort((a, b) => a.label.localeCompare(b.label));
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
