/**
 * Data hooks of the 360° pages: the record (with optimistic-locking saves), its timeline (infinite),
 * users for mentions and owner pickers, lifecycle stages, custom fields. Wire types come from contracts/.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Company, Contact, ContactPatch, CompanyPatch, LifecycleStage } from '../../../../../contracts/contacts';
import type { Activity, ActivityInput, Attachment, TimelineItem } from '../../../../../contracts/activities';
import type { CustomField } from '../../../../../contracts/custom-fields';
import { api, ApiError } from '../../../app/api';
import { useTimelinePages } from '../../../ui/activities/data';

export { attachmentUrl, createActivity, uploadAttachment, useCsrfToken, usePeople, type Person } from '../../../ui/activities/data';

export type { Activity, ActivityInput, Attachment, Company, Contact, CustomField, LifecycleStage, TimelineItem };
export type Entity = 'contact' | 'company';

export const plural = (e: Entity) => (e === 'contact' ? 'contacts' : 'companies');
export const recordKey = (e: Entity, id: string) => [`/${plural(e)}`, 'record', id] as const;
export const timelineKey = (e: Entity, id: string) => [`/${plural(e)}`, 'timeline', id] as const;

export function useRecord<T extends Contact | Company>(entity: Entity, id: string) {
  return useQuery({
    queryKey: recordKey(entity, id),
    queryFn: ({ signal }) => api.get<T>(`/${plural(entity)}/${id}`, undefined, { signal }),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}

/**
 * Saves a patch with `If-Match: "<version>"` (a 412 means someone else changed the record: the caller
 * shows "reload") and puts the server's answer in the cache.
 */
export function useSaveRecord<T extends Contact | Company>(entity: Entity, record: T | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch | CompanyPatch) =>
      api.patch<T>(`/${plural(entity)}/${record!.id}`, patch, { version: record!.version }),
    onSuccess: (saved) => {
      qc.setQueryData(recordKey(entity, saved.id), saved);
      void qc.invalidateQueries({ queryKey: timelineKey(entity, saved.id) });
      void qc.invalidateQueries({ queryKey: [`/${plural(entity)}`, 'list'] });
      void qc.invalidateQueries({ queryKey: [`/${plural(entity)}`, 'count'] });
    },
  });
}

export function useTimeline(entity: Entity, id: string, types: string[]) {
  return useTimelinePages(timelineKey(entity, id), `/${plural(entity)}/${id}/timeline`, {}, types);
}

/** Refreshes a record's timeline (and the record) after an activity changes. */
export function useRefreshTimeline(entity: Entity, id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: timelineKey(entity, id) });
    void qc.invalidateQueries({ queryKey: ['/activities'] });
  };
}

export function useStages() {
  return useQuery({
    queryKey: ['/settings/lifecycle-stages'],
    queryFn: ({ signal }) => api.get<{ stages: LifecycleStage[] }>('/settings/lifecycle-stages', undefined, { signal }),
    staleTime: 60_000,
  });
}

export function useCustomFieldDefs(entity: Entity) {
  return useQuery({
    queryKey: ['/custom-fields', entity],
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/custom-fields', { entity }, { signal }),
    staleTime: 60_000,
  });
}
