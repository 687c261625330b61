/**
 * Leads in the web app: the list (/leads) and record page (/leads/:id) of the engine's generic pages, with the
 * lead's score, next task and Convert dialog; Settings › Lead scoring and Lead assignment; palette search.
 */
import { lazy } from 'react';
import { IconTargetArrow, IconUserSearch, IconUsersGroup } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('leads', '/leads');

const list = () => import('./LeadList');
const page = () => import('../../ui/records/RecordPage');
const settings = () => import('./settings/pages');
const extras = {
  HeaderActions: lazy(async () => ({ default: (await import('./LeadExtras')).LeadHeaderActions })),
  Panel: lazy(async () => ({ default: (await import('./LeadExtras')).LeadPanel })),
};

export const leadsModule: WebModule = {
  key: 'leads',
  translations: [{ key: 'leads', load: () => import('./i18n') }],
  routes: [
    { path: 'leads', element: lazyPage(list, 'LeadList') },
    { path: 'leads/:id', element: lazyPage(page, 'RecordPage', { name: 'leads', extras }) },
  ],
  nav: [{ key: 'leads', label: 'nav.leads', path: '/leads', icon: IconUserSearch, order: 25, visible: (u) => can(u, 'leads') }],
  timelineItems: { lead: { label: 'leads.timeline.badge', icon: IconUserSearch, color: 'grape', load: () => import('./TimelineItem') } },
  settings: [
    {
      key: 'lead-scoring', label: 'leads.scoring.title', description: 'leads.scoring.description', path: 'lead-scoring', icon: IconTargetArrow, order: 60,
      visible: (u) => can(u, 'leads', 'manage'), routes: [{ index: true, element: lazyPage(settings, 'ScoringPage') }],
    },
    {
      key: 'lead-assignment', label: 'leads.assignment.title', description: 'leads.assignment.description', path: 'lead-assignment', icon: IconUsersGroup, order: 61,
      visible: (u) => can(u, 'leads', 'manage'), routes: [{ index: true, element: lazyPage(settings, 'AssignmentPage') }],
    },
  ],
  search: [{
    key: 'leads', group: 'leads.palette.group', visible: (u) => can(u, 'leads'),
    search: async (q, signal) => {
      const page = await api.get<Page<RecordItem>>('/objects/leads', { q, limit: 5 }, { signal });
      return page.data.map((r) => ({ id: `lead-${r.id}`, label: r.title, description: typeof r.values.email === 'string' ? r.values.email : undefined, path: recordHref('leads', r.id) }));
    },
  }],
};
