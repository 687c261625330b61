/**
 * Deals in the web app: the pipeline board (/deals), the engine's list (/deals/list) and the deal page
 * (/deals/:id: stage bar, record, line items, contacts with roles, stage history); Settings › Pipelines;
 * palette search and a "Deals board" action.
 */
import { IconLayoutKanban, IconTarget } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('deals', '/deals');

const board = () => import('./BoardPage');
const list = () => import('./DealList');
const page = () => import('./DealPage');
const settings = () => import('./settings/pages');

export const dealsModule: WebModule = {
  key: 'deals',
  translations: [{ key: 'deals', load: () => import('./i18n') }],
  routes: [
    { path: 'deals', element: lazyPage(board, 'DealsBoardPage') },
    { path: 'deals/list', element: lazyPage(list, 'DealList') },
    { path: 'deals/:id', element: lazyPage(page, 'DealPage') },
  ],
  nav: [{ key: 'deals', label: 'nav.deals', path: '/deals', icon: IconTarget, order: 26, visible: (u) => can(u, 'deals') }],
  timelineItems: { deal: { label: 'deals.timeline.badge', icon: IconTarget, color: 'indigo', load: () => import('./TimelineItem') } },
  settings: [{
    key: 'pipelines', label: 'deals.settings.title', description: 'deals.settings.description', path: 'pipelines', icon: IconLayoutKanban, order: 59,
    visible: (u) => can(u, 'deals', 'manage'), routes: [{ index: true, element: lazyPage(settings, 'PipelinesPage') }],
  }],
  palette: [{ id: 'deals-board', label: 'deals.palette.board', description: 'deals.palette.boardHint', icon: IconLayoutKanban, keywords: ['pipeline', 'kanban', 'deals', 'cơ hội'], visible: (u) => can(u, 'deals'), run: ({ navigate }) => navigate('/deals') }],
  search: [{
    key: 'deals', group: 'deals.palette.group', visible: (u) => can(u, 'deals'),
    search: async (q, signal) => {
      const page = await api.get<Page<RecordItem>>('/objects/deals', { q, limit: 5 }, { signal });
      return page.data.map((r) => ({ id: `deal-${r.id}`, label: r.title, path: recordHref('deals', r.id) }));
    },
  }],
};
