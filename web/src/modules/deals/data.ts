/** The deals module's server state: pipelines, the board, and moving a deal to a stage (with If-Match). */
import { useQuery } from '@tanstack/react-query';
import type { Board, Pipeline } from '../../../../contracts/deals';
import { api, ApiError } from '../../app/api';
import type { RecordItem } from '../../ui/records/types';

export const PIPELINES_KEY = ['/pipelines'];
export const boardKey = (pipelineId: string | null) => ['/deals/board', pipelineId];

export function usePipelines(archived = false) {
  return useQuery({
    queryKey: [...PIPELINES_KEY, { archived }],
    queryFn: ({ signal }) => api.get<{ data: Pipeline[] }>('/pipelines', archived ? { archived: 'true' } : undefined, { signal }),
    select: (d) => d.data,
  });
}

export function useBoard(pipelineId: string | null) {
  return useQuery({
    queryKey: boardKey(pipelineId),
    queryFn: ({ signal }) => api.get<Board>('/deals/board', pipelineId ? { pipeline: pipelineId } : undefined, { signal }),
  });
}

/** Field keys a 400 names as missing (`values.<key>`), when every named field is among `required`; else null. */
export function missingFields(err: unknown, required: string[]): string[] | null {
  if (!(err instanceof ApiError) || err.status !== 400 || err.fields.length === 0) return null;
  const keys = err.fields.map((f) => f.path.replace(/^values\./, ''));
  return err.fields.every((f) => f.path.startsWith('values.')) && keys.every((k) => required.includes(k)) ? keys : null;
}

/** PATCHes a deal's stage (plus any values) with If-Match; returns the saved record. */
export function moveDeal(id: string, version: number, stage: string, values: Record<string, unknown> = {}): Promise<RecordItem> {
  return api.patch<RecordItem>(`/deals/${id}`, { values: { ...values, stage } }, { version });
}
