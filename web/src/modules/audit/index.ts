import { IconHistory } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';

/** The audit log screen: filters, before/after drawer, and hash-chain verification. */
export const auditModule: WebModule = {
  key: 'audit',
  settings: [
    {
      key: 'audit', label: 'audit.title', path: 'audit', icon: IconHistory, order: 90, visible: (u) => u.isAdmin,
      routes: [{ index: true, element: lazyPage(() => import('./AuditPage'), 'AuditPage') }],
    },
  ],
};
