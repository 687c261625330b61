/**
 * The question mark in the header: the guide's pages in the user's language (fetched when the menu first opens),
 * and the whole guide.
 */
import { useState } from 'react';
import { ActionIcon, Loader, Menu } from '@mantine/core';
import { IconBook, IconFileText, IconHelp } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useGuideList } from './data';

export function HelpMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [asked, setAsked] = useState(false);
  const list = useGuideList(asked);
  const pages = list.data?.pages ?? [];
  return (
    <Menu opened={opened} onChange={(o) => { setOpened(o); if (o) setAsked(true); }} position="bottom-end" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('help.menu')} data-testid="help-menu">
          <IconHelp size={20} />
        </ActionIcon>
      </Menu.Target>
      {/* No Menu.Label: its grey text fails contrast at 390 px; the menu is named by its button. */}
      <Menu.Dropdown data-testid="help-menu-panel">
        {list.isPending && <Menu.Item disabled leftSection={<Loader size={14} />}>{t('help.loading')}</Menu.Item>}
        {pages.map((p) => (
          <Menu.Item key={p.slug} leftSection={<IconFileText size={16} />} onClick={() => navigate(`/help/${p.slug}`)} data-testid={`help-page-${p.slug}`}>
            {p.title}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconBook size={16} />} onClick={() => navigate('/help')} data-testid="help-all">{t('help.allPages')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
