/**
 * Sales forecast and quotas (`/api/v1/forecast`, `/api/v1/quotas`): figures of a month or quarter from the deals
 * the caller may see, against per-user quotas. Reads the deals module's tables; governed by the `deals` grant.
 * See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { forecastRoutes } from './forecast.routes.js';

export const module: KithModule = {
  name: 'forecast',
  routes: forecastRoutes,
};
