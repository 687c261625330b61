/**
 * Tasks: calls, meetings, emails and to-dos as a standard object of the records engine (`/api/v1/tasks`), linked
 * to contacts, companies, deals and leads. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { tasksMigrations } from './tasks.migrations.js';
import './tasks.definition.js';

export { tasksDefinition } from './tasks.definition.js';

export const module: KithModule = {
  name: 'tasks',
  migrations: tasksMigrations,
  permissions: [{ key: 'tasks', label: { en: 'Tasks', vi: 'Công việc' }, scoped: true }],
};
