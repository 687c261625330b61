/** Server calls of the workspace screens, and the settings query the whole shell shares. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationPreferences, NotificationPreference, WorkspaceSettings, WorkspaceSettingsInput } from '../../../../contracts/workspace';
import { api, toApiError } from '../../app/api';
import { setWorkspaceFormats } from '../../ui/workspace-format';

export const WORKSPACE_KEY = ['/settings/workspace'] as const;
export const PREFERENCES_KEY = ['/me/notification-preferences'] as const;

const PATTERNS: Record<WorkspaceSettings['dateFormat'], string> = { 'dd/mm/yyyy': 'DD/MM/YYYY', 'mm/dd/yyyy': 'MM/DD/YYYY', 'yyyy-mm-dd': 'YYYY-MM-DD' };

/**
 * Hands the formats to ui/workspace-format. Until an administrator saves the settings (updatedAt null) dates and
 * numbers keep following each user's language.
 */
export function applyWorkspaceFormats(ws: WorkspaceSettings): boolean {
  if (!ws.updatedAt) return setWorkspaceFormats({ datePattern: null, decimal: null });
  return setWorkspaceFormats({ datePattern: PATTERNS[ws.dateFormat], decimal: ws.numberFormat === '1.234,5' ? ',' : '.' });
}

/** The workspace settings (every signed-in user may read them); applies their formats as they arrive. */
export function useWorkspace() {
  return useQuery({
    queryKey: WORKSPACE_KEY,
    queryFn: async ({ signal }) => {
      const ws = await api.get<WorkspaceSettings>('/settings/workspace', undefined, { signal });
      applyWorkspaceFormats(ws);
      return ws;
    },
    staleTime: 5 * 60_000,
  });
}

export function useSaveWorkspace() {
  const qc = useQueryClient();
  /** `version` is the one the form was loaded with: a save made meanwhile elsewhere answers 412. */
  return async (input: WorkspaceSettingsInput, version: number) => {
    const ws = await api.put<WorkspaceSettings>('/settings/workspace', input, { version });
    applyWorkspaceFormats(ws);
    qc.setQueryData(WORKSPACE_KEY, ws);
    return ws;
  };
}

/** Uploads the logo (multipart, with the session's CSRF token). */
export async function uploadLogo(file: File, csrf: string | null): Promise<WorkspaceSettings> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch('/api/v1/settings/workspace/logo', { method: 'PUT', body, headers, credentials: 'same-origin' });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as WorkspaceSettings;
}

export function usePreferences() {
  return useQuery({ queryKey: PREFERENCES_KEY, queryFn: ({ signal }) => api.get<NotificationPreferences>('/me/notification-preferences', undefined, { signal }) });
}

export async function savePreferences(events: NotificationPreference[]): Promise<NotificationPreferences> {
  return api.put<NotificationPreferences>('/me/notification-preferences', { events });
}
