/**
 * Audit log API (admin): browse the append-only, hash-chained log that appendAudit() writes, and
 * verify the chain. Writing entries is platform/audit's job; this module only reads.
 */
import type { KithModule } from '../../platform/context.js';
import { auditRoutes } from './audit.routes.js';

export { verifyAuditChain } from './audit.service.js';

export const module: KithModule = {
  name: 'audit',
  permissions: [],
  routes: auditRoutes,
};
