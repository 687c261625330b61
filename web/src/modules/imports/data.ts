/** Data of the import screens: the upload (XHR, for a progress figure), the import, saved mappings. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CorrectedRow, ImportRun, ImportWarning, Mapping, RecheckReport, RowErrorReport, importCreated, savedMappingSchema, validationReport,
} from '../../../../contracts/imports';
import type { CustomField } from '../../../../contracts/custom-fields';
import { api, ApiError, apiUrl, toApiError, type Page } from '../../app/api';
import { SESSION_KEY } from '../../app/auth';
import type { SessionResponse } from '../../app/session';
import { isActive } from './logic';

export type { CorrectedRow, ImportRun, ImportWarning, Mapping, RecheckReport };
export type ImportCreated = z.infer<typeof importCreated>;
export type SavedMapping = z.infer<typeof savedMappingSchema>;
export type ValidationReport = z.infer<typeof validationReport>;

/** The session's CSRF token (multipart uploads bypass the JSON client). */
export function useCsrfToken(): () => string | null {
  const qc = useQueryClient();
  return () => qc.getQueryData<SessionResponse | null>(SESSION_KEY)?.csrfToken ?? null;
}

/** POST /imports as multipart with upload progress; resolves to the import with its preview. */
export function uploadImport(
  file: File, fields: { entity: string; preset: string }, csrf: string | null, onProgress: (fraction: number) => void,
): { promise: Promise<ImportCreated>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportCreated>((resolve, reject) => {
    xhr.open('POST', `/api/v1/imports?${new URLSearchParams(fields).toString()}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | ImportCreated | null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as ImportCreated);
      const err = (body as { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `http_${xhr.status}`, err?.message ?? xhr.statusText, err?.fields ?? []));
    };
    const form = new FormData();
    // Fields first: the server reads them before the file stream.
    form.append('entity', fields.entity);
    form.append('preset', fields.preset);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const importKey = (id: string) => ['/imports', 'one', id] as const;

/** One import, polled every second while it runs or reverts. */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKey(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportRun>(`/imports/${id}`, undefined, { signal }),
    enabled: Boolean(id),
    // Also while a follow-up of the batch runs (its counts roll into the batch's).
    refetchInterval: (q) => (q.state.data && (isActive(q.state.data.status) || q.state.data.batch?.running) ? 1000 : false),
  });
}

export function useSavedMappings() {
  return useQuery({
    queryKey: ['/import-mappings'],
    queryFn: ({ signal }) => api.get<SavedMapping[]>('/import-mappings', undefined, { signal }),
    staleTime: 30_000,
  });
}

export function useCustomFieldDefs(entity: string) {
  return useQuery({
    queryKey: ['/custom-fields', entity],
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/custom-fields', { entity }, { signal }),
    staleTime: 60_000,
  });
}

/** The first failed rows of a finished run (the final report lists them; the CSV holds every one); `cells` also their cells. */
export function useFailures(id: string, enabled: boolean, limit = 100, cells = false, rev = '') {
  return useQuery({
    queryKey: ['/imports', 'failures', id, limit, cells, rev],
    queryFn: ({ signal }) => api.get<Page<RowErrorReport>>(`/imports/${id}/failures`, { limit, ...(cells ? { cells: 'true' } : {}) }, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** The first warnings of a finished run: cells left out of their records (the CSV holds every one). */
export function useWarnings(id: string, enabled: boolean, limit = 100, rev = '') {
  return useQuery({
    queryKey: ['/imports', 'warnings', id, limit, rev],
    queryFn: ({ signal }) => api.get<Page<ImportWarning>>(`/imports/${id}/warnings`, { limit }, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** Re-checks corrected rows (nothing written) or imports them as a follow-up of the batch. */
export const recheckRows = (id: string, rows: CorrectedRow[]) => api.post<RecheckReport>(`/imports/${id}/recheck`, { rows });
export const importCorrections = (id: string, rows: CorrectedRow[]) => api.post<ImportRun>(`/imports/${id}/corrections`, { rows });

/** Uploads the corrected failed-rows CSV as a follow-up of the batch (POST /imports/{id}/follow-up, multipart). */
export async function uploadFollowUp(id: string, file: File, csrf: string | null): Promise<ImportRun> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(apiUrl(`/imports/${id}/follow-up`), {
      method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as ImportRun;
}

/** Refreshes what a follow-up changes: the batch's import, its failed rows and warnings, the history. */
export function useRefreshBatch() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.invalidateQueries({ queryKey: importKey(id) });
    void qc.invalidateQueries({ queryKey: ['/imports'] });
  };
}
