/** "Import" in a list's header: opens the import wizard on that entity (contacts or companies). */
import { Button } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function ImportButton({ entity, compact = false }: { entity: 'contact' | 'company'; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button component={Link} to={`/imports/new?entity=${entity}`} variant="default" leftSection={<IconFileImport size={16} />}
      aria-label={t('imports.importButton')} data-testid="list-import">
      {compact ? null : t('imports.importButton')}
    </Button>
  );
}
