/** Pieces shared by the contact and company pages: not-found, stale banner, two-column layout. */
import type { ReactNode } from 'react';
import { Alert, Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }} data-testid="record-back">
      <IconArrowLeft size={14} /> {label}
    </Anchor>
  );
}

/** Loading / not found / error for a record query; null when the record is there. */
export function RecordState({ query, backTo, backLabel }: { query: { isPending: boolean; error: unknown; refetch: () => unknown }; backTo: string; backLabel: string }) {
  const { t } = useTranslation();
  if (query.isPending) return <LoadingState />;
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) {
    return (
      <EmptyState title={t('record.notFound')} action={<Button component={Link} to={backTo} variant="light" leftSection={<IconArrowLeft size={16} />}>{backLabel}</Button>} />
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return null;
}

export function StaleBanner({ show, onReload }: { show: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Alert color="yellow" mb="md" data-testid="stale-banner" role="alert">
      <Group justify="space-between" gap="xs">
        <Text size="sm" style={{ flex: '1 1 240px' }}>{t('record.stale')}</Text>
        <Button size="xs" variant="light" color="yellow" leftSection={<IconRefresh size={14} />} onClick={onReload} data-testid="stale-reload">{t('record.reload')}</Button>
      </Group>
    </Alert>
  );
}

/** Fields on the left (first on phones), composer and timeline on the right. */
export function TwoColumns({ side, main }: { side: ReactNode; main: ReactNode }) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 5, lg: 4 }}><Stack gap="md">{side}</Stack></Grid.Col>
      <Grid.Col span={{ base: 12, md: 7, lg: 8 }}><Stack gap="md">{main}</Stack></Grid.Col>
    </Grid>
  );
}
