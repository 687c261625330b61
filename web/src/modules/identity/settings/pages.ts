/** The admin screens, loaded together on first visit to Settings (one chunk, shared components). */
export { UsersPage } from './UsersPage';
export { TeamsPage } from './TeamsPage';
export { RolesPage } from './RolesPage';
export { RoleEditorPage } from './RoleEditorPage';
export { ApiKeysPage } from './ApiKeysPage';
