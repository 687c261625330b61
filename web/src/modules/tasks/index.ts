/**
 * Tasks in the web app: My day (/tasks), the engine's list (/tasks/all) and record page (/tasks/:id), the calendar
 * (/tasks/calendar: day / week / month, drag to reschedule), the calendar-feed dialog, a "My tasks today" home
 * widget, and palette actions (New task, My day) and search.
 */
import { IconCalendarCheck, IconPlus } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('tasks', '/tasks');

const pages = () => import('./pages');
const list = () => import('../../ui/records/RecordListPage');
const page = () => import('../../ui/records/RecordPage');

export const tasksModule: WebModule = {
  key: 'tasks',
  translations: [{ key: 'tasks', load: () => import('./i18n') }],
  routes: [
    { path: 'tasks', element: lazyPage(pages, 'MyDayPage') },
    { path: 'tasks/all', element: lazyPage(list, 'RecordListPage', { name: 'tasks' }) },
    { path: 'tasks/calendar', element: lazyPage(pages, 'CalendarPage') },
    { path: 'tasks/:id', element: lazyPage(page, 'RecordPage', { name: 'tasks' }) },
  ],
  nav: [{ key: 'tasks', label: 'nav.tasks', path: '/tasks', icon: IconCalendarCheck, order: 24, visible: (u) => can(u, 'tasks') }],
  palette: [
    { id: 'tasks-new', label: 'tasks.palette.newTask', description: 'tasks.palette.newTaskHint', icon: IconPlus, keywords: ['task', 'todo', 'công việc'], visible: (u) => can(u, 'tasks', 'create'), run: ({ navigate }) => navigate('/tasks/all?new=1') },
    { id: 'tasks-my-day', label: 'tasks.palette.myDay', description: 'tasks.palette.myDayHint', icon: IconCalendarCheck, keywords: ['tasks', 'today', 'hôm nay'], visible: (u) => can(u, 'tasks'), run: ({ navigate }) => navigate('/tasks') },
  ],
  home: [{ key: 'my-tasks', order: 10, size: 'half', visible: (u) => can(u, 'tasks'), load: () => import('./MyTasksWidget') }],
  timelineItems: { task_record: { label: 'tasks.timeline.badge', icon: IconCalendarCheck, color: 'orange', load: () => import('./TimelineItem') } },
  search: [{
    key: 'tasks', group: 'nav.tasks', visible: (u) => can(u, 'tasks'),
    search: async (q, signal) => {
      const found = await api.get<Page<RecordItem>>('/objects/tasks', { q, limit: 5 }, { signal });
      return found.data.map((r) => ({ id: `task-${r.id}`, label: r.title, path: recordHref('tasks', r.id) }));
    },
  }],
};
