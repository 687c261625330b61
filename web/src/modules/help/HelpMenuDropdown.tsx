/**
 * The help menu itself: the guide's pages in the user's language (fetched when the menu first opens), and the
 * whole guide. Loaded by HelpMenu.tsx when the pointer first reaches the question mark or it is first pressed
 * (Mantine Menu and floating-ui stay out of the home page's first load).
 */
import { useRef, useState } from 'react';
import { Loader, Menu } from '@mantine/core';
import { IconBook, IconFileText } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePressOnArrival } from '../../app/layout/on-demand';
import { useGuideList } from './data';
import { HelpButton } from './HelpMenu';

export default function HelpMenuDropdown({ pressed }: { pressed: boolean }) {
  const { t } = useTranslation();
  const target = useRef<HTMLButtonElement>(null);
  usePressOnArrival(target, pressed);
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [asked, setAsked] = useState(false);
  const list = useGuideList(asked);
  const pages = list.data?.pages ?? [];
  return (
    <Menu opened={opened} onChange={(o) => { setOpened(o); if (o) setAsked(true); }} position="bottom-end" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <HelpButton ref={target} />
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
