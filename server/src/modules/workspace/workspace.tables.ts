/** Row types of the workspace module (migration 20261207_0900_workspace_notification_preferences). */
export interface NotificationPreferencesTable {
  user_id: string;
  /** A kind of notification (contracts/workspace.ts notificationEvents). */
  event: string;
  in_app: number;
  email: number;
  push: number;
  updated_at: string;
}

/** One row per notification whose email was claimed: `sending`, then `sent` (a failed send deletes it to retry). */
export interface NotificationEmailsTable {
  notification_id: string;
  user_id: string;
  status: string;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    notification_preferences: NotificationPreferencesTable;
    notification_emails: NotificationEmailsTable;
  }
}
