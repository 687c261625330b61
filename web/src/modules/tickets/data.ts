/** Queries the tickets screens share. */
import { useQuery } from '@tanstack/react-query';
import type { Directory } from '../../../../contracts/identity';
import { api } from '../../app/api';

/** The directory of active users and teams (names only), cached for 5 minutes (same key as the record page's card). */
export function useDirectory(enabled = true) {
  return useQuery({ queryKey: ['/directory'], queryFn: ({ signal }) => api.get<Directory>('/directory', undefined, { signal }), staleTime: 5 * 60_000, enabled });
}
