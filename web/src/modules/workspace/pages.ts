export { WorkspacePage } from './WorkspacePage';
export { NotificationsPage } from './NotificationsPage';
