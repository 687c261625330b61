/**
 * The page of one record of any object (/objects/:name/:id): header with title and actions (edit, delete,
 * restore), the fields in sections (details; relations; record info), records of other objects pointing
 * at it, and its timeline (activities with the composer — none in the recycle bin — and field history).
 */
import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, type ComponentType } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { useConfirm } from '../confirm';
import { errorMessage } from '../errors';
import { formatDateTime } from '../format';
import { notifyError, notifySuccess } from '../notify';
import { EmptyState, ErrorState, LoadingState } from '../states';
import { listHref, objectPath, relationInclude, useRecord, useRecordType } from './data';
import { FieldValue } from './FieldValue';
import { objectIcon } from './icons';
import { liveFields } from './logic';
import { usePersonName } from './pickers';
import { RecordFiles } from './RecordFiles';
import { RecordFormDrawer } from './RecordForm';
import { includedOf } from './text';
import { RecordTimeline } from './RecordTimeline';
import { RelatedRecords } from './RelatedRecords';
import { localized, typeLabel, type FieldDef, type FieldFile, type RecordItem, type RecordType } from './types';

function Field({ f, rec }: { f: FieldDef; rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={2} data-testid={`field-${f.key}`}>
      <Text size="xs" c="dimmed" fw={500}>{localized(f.labels, i18n.language)}</Text>
      {rec.masked.includes(f.key) ? <Text size="sm" c="dimmed">{t('records.masked')}</Text> : <FieldValue f={f} value={rec.values[f.key]} included={includedOf(rec, f.key)} />}
    </Stack>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Card withBorder radius="md" data-testid={testId}>
      <Title order={5} mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

/**
 * What a standard object's own page adds to the generic one (e.g. a lead's Convert button and next-task card):
 * components given the record, usually `lazy(() => import(...))` so they load with the page.
 */
export interface RecordPageExtras {
  /** Rendered among the header's actions (edit, delete). */
  HeaderActions?: ComponentType<{ rec: RecordItem; type: RecordType }>;
  /** Rendered at the top of the main column, above related records and the timeline. */
  Panel?: ComponentType<{ rec: RecordItem; type: RecordType }>;
}

function Body({ type, rec, extras }: { type: RecordType; rec: RecordItem; extras?: RecordPageExtras }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const person = usePersonName();
  const [params, setParams] = useSearchParams();
  const path = objectPath(type.name);
  const fields = liveFields(type.fields).filter((f) => f.key !== type.titleField);
  const plain = fields.filter((f) => f.type !== 'relation' && f.type !== 'relations' && f.type !== 'attachments');
  const relations = fields.filter((f) => f.type === 'relation' || f.type === 'relations');
  const files = fields.filter((f) => f.type === 'attachments');
  const Icon = objectIcon(type.icon);
  const deleted = Boolean(rec.deletedAt);
  const refresh = () => qc.invalidateQueries({ queryKey: [path] });

  const remove = async () => {
    if (!(await confirm({ title: t('records.deleteTitle'), message: t('records.deleteConfirm', { name: rec.title }), confirmLabel: t('common.delete') }))) return;
    try {
      await api.delete(`${path}/${rec.id}`, { version: rec.version });
      notifySuccess(t('records.deleted', { name: rec.title }));
      await refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
      if (e instanceof ApiError && e.status === 412) void refresh();
    }
  };
  const restore = async () => {
    try {
      await api.post(`${path}/${rec.id}/restore`);
      notifySuccess(t('records.restored', { name: rec.title }));
      await refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const setEdit = (open: boolean) => setParams((p) => {
    const n = new URLSearchParams(p);
    if (open) n.set('edit', '1');
    else n.delete('edit');
    return n;
  });

  return (
    <>
      <Stack gap="sm" mb="lg" data-testid="record-header">
        <Anchor component={Link} to={listHref(type.name)} size="sm" c="dimmed" display="inline-flex" style={{ alignItems: 'center', gap: 4 }} data-testid="record-back">
          <IconArrowLeft size={14} /> {typeLabel(type, i18n.language, 'plural')}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Icon size={28} />
            <Title order={2} data-testid="page-title" style={{ overflowWrap: 'anywhere' }}>{rec.title || t('records.untitled')}</Title>
            {deleted && <Badge color="red" variant="light" data-testid="deleted-badge">{t('records.inBin')}</Badge>}
          </Group>
          <Group gap="xs">
            {extras?.HeaderActions && <Suspense fallback={null}><extras.HeaderActions rec={rec} type={type} /></Suspense>}
            {!deleted && type.permissions.update && <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEdit(true)} data-testid="record-edit">{t('common.edit')}</Button>}
            {!deleted && type.permissions.delete && <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} data-testid="record-delete">{t('common.delete')}</Button>}
            {deleted && type.permissions.delete && <Button leftSection={<IconArrowBackUp size={16} />} onClick={() => void restore()} data-testid="record-restore">{t('records.restore')}</Button>}
          </Group>
        </Group>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <Section title={t('records.sections.details')} testId="section-details">
              <SimpleGrid cols={1} spacing="sm">{plain.map((f) => <Field key={f.key} f={f} rec={rec} />)}</SimpleGrid>
            </Section>
            {relations.length > 0 && (
              <Section title={t('records.sections.relations')} testId="section-relations">
                <SimpleGrid cols={1} spacing="sm">{relations.map((f) => <Field key={f.key} f={f} rec={rec} />)}</SimpleGrid>
              </Section>
            )}
            {files.map((f) => (
              <Section key={f.key} title={localized(f.labels, i18n.language)} testId={`section-files-${f.key}`}>
                {rec.masked.includes(f.key)
                  ? <Text size="sm" c="dimmed">{t('records.masked')}</Text>
                  : <RecordFiles object={type.name} id={rec.id} f={f} files={(rec.values[f.key] as FieldFile[] | null) ?? []} canEdit={!deleted && type.permissions.update} />}
              </Section>
            ))}
            <Section title={t('records.sections.info')} testId="section-info">
              <SimpleGrid cols={2} spacing="sm">
                <Stack gap={2}><Text size="xs" c="dimmed" fw={500}>{t('records.owner')}</Text><Text size="sm">{person(rec.ownerId) || '—'}</Text></Stack>
                <Stack gap={2}><Text size="xs" c="dimmed" fw={500}>{t('records.createdAt')}</Text><Text size="sm">{formatDateTime(rec.createdAt)}</Text></Stack>
                <Stack gap={2}><Text size="xs" c="dimmed" fw={500}>{t('records.updatedAt')}</Text><Text size="sm">{formatDateTime(rec.updatedAt)}</Text></Stack>
              </SimpleGrid>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            {extras?.Panel && <Suspense fallback={null}><extras.Panel rec={rec} type={type} /></Suspense>}
            <RelatedRecords target={type.name} id={rec.id} />
            <RecordTimeline type={type} id={rec.id} deleted={deleted} />
          </Stack>
        </Grid.Col>
      </Grid>
      <RecordFormDrawer type={type} id={params.get('edit') ? rec.id : null} onClose={() => setEdit(false)} />
    </>
  );
}

/** One record of `name` (a standard object's own route passes it), else of the route's `:name`. */
export function RecordPage({ name: fixed, extras }: { name?: string; extras?: RecordPageExtras }) {
  const { name: param = '', id = '' } = useParams();
  const name = fixed ?? param;
  const { t } = useTranslation();
  const { type, isPending, error } = useRecordType(name);
  const rec = useRecord(name, id, relationInclude(type));
  if (isPending || (type && rec.isPending)) return <LoadingState />;
  if (error) return <ErrorState error={error} />;
  if (!type) return <EmptyState title={t('records.notFoundObject')} />;
  if (rec.error instanceof ApiError && (rec.error.status === 404 || rec.error.status === 403)) return <EmptyState title={t('records.notFound')} />;
  if (rec.error) return <ErrorState error={rec.error} onRetry={() => void rec.refetch()} />;
  if (!rec.data) return <LoadingState />;
  return <Body type={type} rec={rec.data} extras={extras} />;
}
