/** Data of the import screens: the upload (XHR, for a progress figure), the import, saved mappings. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportRun, ImportWarning, Mapping, RowErrorReport, importCreated, savedMappingSchema, validationReport } from '../../../../contracts/imports';
import type { CustomField } from '../../../../contracts/custom-fields';
import { api, ApiError, type Page } from '../../app/api';
import { SESSION_KEY } from '../../app/auth';
import type { SessionResponse } from '../../app/session';
import { isActive } from './logic';

export type { ImportRun, ImportWarning, Mapping };
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
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 1000 : false),
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

/** The first failed rows of a finished run (the final report lists them; the CSV holds every one). */
export function useFailures(id: string, enabled: boolean, limit = 100) {
  return useQuery({
    queryKey: ['/imports', 'failures', id, limit],
    queryFn: ({ signal }) => api.get<Page<RowErrorReport>>(`/imports/${id}/failures`, { limit }, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** The first warnings of a finished run: cells left out of their records (the CSV holds every one). */
export function useWarnings(id: string, enabled: boolean, limit = 100) {
  return useQuery({
    queryKey: ['/imports', 'warnings', id, limit],
    queryFn: ({ signal }) => api.get<Page<ImportWarning>>(`/imports/${id}/warnings`, { limit }, { signal }),
    enabled,
    staleTime: 60_000,
  });
}
