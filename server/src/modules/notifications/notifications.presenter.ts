import type { AppNotification } from '../../../../contracts/notifications.js';
import type { NotificationsTable } from '../../platform/db/platform.tables.js';

/** Stored row → wire shape; every outgoing field listed. */
export function presentNotification(row: NotificationsTable): AppNotification {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}
