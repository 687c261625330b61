import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Load more" under a cursor-paginated list; renders nothing on the last page. */
export function LoadMore({ hasMore, loading, onLoad }: { hasMore: boolean; loading: boolean; onLoad: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Center mt="md">
      <Button variant="default" onClick={onLoad} loading={loading} data-testid="load-more">{t('common.loadMore')}</Button>
    </Center>
  );
}
