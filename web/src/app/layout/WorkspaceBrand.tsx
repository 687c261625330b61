import { UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../modules/workspace/data';
import { Logo } from './Logo';

/**
 * The header's home link: the workspace's logo and company name (Settings › Workspace), Kith's own until
 * an administrator sets them. Loading the settings here also applies the workspace's date and number formats.
 */
export function WorkspaceBrand() {
  const { t } = useTranslation();
  const ws = useWorkspace().data;
  const name = ws?.companyName || 'Kith';
  return (
    <UnstyledButton component={Link} to="/" aria-label={`${name} · ${t('nav.home')}`} data-testid="workspace-brand">
      <Logo name={name} src={ws?.logo?.url ?? null} />
    </UnstyledButton>
  );
}
