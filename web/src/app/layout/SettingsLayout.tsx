import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ScrollArea, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth';
import { useRegistry } from '../registry-context';
import { AccessDenied } from '../../ui/AccessDenied';
import { NotFoundPage } from './NotFoundPage';

/** /settings: a tab per section the user may see; a section's pages render below. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const registry = useRegistry();
  const sections = registry.settings(user);
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.split('/')[2] ?? '';
  const exists = current === '' || registry.allSettings().some((s) => s.path === current);
  if (!exists) return <NotFoundPage />;
  // A section (or the whole Settings area) the user's role does not open: say so, and whom to ask.
  if (!sections.length || (current !== '' && !sections.some((s) => s.path === current))) return <AccessDenied />;

  return (
    <>
      <ScrollArea type="never" mb="lg">
        <Tabs value={current || null} onChange={(v) => v && navigate(`/settings/${v}`)} variant="default">
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            {sections.map((s) => (
              <Tabs.Tab key={s.key} value={s.path} leftSection={<s.icon size={16} />} data-testid={`settings-tab-${s.key}`}>
                {t(s.label)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </ScrollArea>
      <Outlet />
    </>
  );
}

/** /settings itself opens the first section. */
export function SettingsIndex() {
  const user = useUser();
  const first = useRegistry().settings(user)[0];
  return first ? <Navigate to={`/settings/${first.path}`} replace /> : <AccessDenied />;
}
