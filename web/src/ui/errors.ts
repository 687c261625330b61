import type { TFunction } from 'i18next';
import { ApiError } from '../app/api';

/** A sentence for the user about a failed call, in their language where the case is a known one. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('errors.network');
    if (err.status === 412) return t('errors.stale');
    if (err.status === 403) return t('errors.forbidden');
    if (err.status === 429) {
      return err.retryAfter
        ? t('errors.throttledFor', { minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) })
        : t('errors.throttled');
    }
    if (err.status >= 500) return t('errors.server');
    return err.message;
  }
  return t('errors.unexpected');
}
