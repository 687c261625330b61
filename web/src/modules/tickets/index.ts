/**
 * Tickets in the web app: the list (/tickets) and record page (/tickets/:id) of the engine's generic pages, with the
 * SLA badge and the assignment decision; the public support form (/support) and satisfaction survey (/survey/:token);
 * palette search.
 */
import { lazy } from 'react';
import { IconHeadset, IconLifebuoy } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('tickets', '/tickets');

const page = () => import('../../ui/records/RecordPage');
const ticketItem = () => import('./TimelineItem');
const extras = {
  HeaderActions: lazy(async () => ({ default: (await import('./TicketExtras')).SlaBadge })),
  Panel: lazy(async () => ({ default: (await import('./workspace/TicketWorkspace')).TicketWorkspace })),
};

export const ticketsModule: WebModule = {
  key: 'tickets',
  translations: [{ key: 'tickets', load: () => import('./i18n') }, { key: 'ticketRouting', load: () => import('./routing.i18n') }, { key: 'ticketMail', load: () => import('./mail.i18n') }],
  routes: [
    { path: 'tickets', element: lazyPage(() => import('./TicketList'), 'TicketList') },
    { path: 'tickets/:id', element: lazyPage(page, 'RecordPage', { name: 'tickets', extras }) },
  ],
  settings: [{
    key: 'service-desk', label: 'tickets.settings.title', description: 'tickets.settings.description', path: 'service-desk', icon: IconHeadset, order: 62,
    visible: (u) => can(u, 'tickets', 'manage'), routes: [{ index: true, element: lazyPage(() => import('./settings/ServiceDeskPage'), 'ServiceDeskPage') }],
  }],
  publicRoutes: [
    { path: 'support', element: lazyPage(() => import('./SupportPage'), 'SupportPage') },
    { path: 'survey/:token', element: lazyPage(() => import('./survey/SurveyPage'), 'SurveyPage') },
  ],
  nav: [{ key: 'tickets', label: 'nav.tickets', path: '/tickets', icon: IconLifebuoy, order: 35, visible: (u) => can(u, 'tickets') }],
  timelineItems: Object.fromEntries((['created', 'solved', 'satisfaction', 'message'] as const).map((e) => [`ticket_${e}`, { label: `tickets.timeline.${e}`, icon: IconLifebuoy, color: 'cyan', load: ticketItem }])),
  search: [{
    key: 'tickets', group: 'tickets.palette.group', visible: (u) => can(u, 'tickets'),
    search: async (q, signal) => {
      const found = await api.get<Page<RecordItem>>('/objects/tickets', { q, limit: 5 }, { signal });
      return found.data.map((r) => ({ id: `ticket-${r.id}`, label: r.title, description: typeof r.values.number === 'string' ? r.values.number : undefined, path: recordHref('tickets', r.id) }));
    },
  }],
};
