import { Anchor } from '@mantine/core';
import { IconHelp } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * The "How to …" link of an empty state: opens a page of the user guide (docs/guide, served by the help module).
 * Its label is the help module's `help.howTo.<page>`.
 *
 * @example <EmptyState title={t('contacts.emptyContacts')} action={<HelpLink page="import-contacts" />} />
 */
export function HelpLink({ page }: { page: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={`/help/${page}`} size="sm" data-testid={`help-link-${page}`}>
      <IconHelp size={14} style={{ verticalAlign: -2, marginRight: 4 }} aria-hidden />{t(`help.howTo.${page}`)}
    </Anchor>
  );
}
