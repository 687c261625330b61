/**
 * Settings › Objects › <object>: its labels and icon (edit), and its fields — add, edit labels and options,
 * archive or bring back (archiving hides a field from forms and new views and keeps its data).
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Table, Text } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconArrowLeft, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { TYPES_KEY, useRecordType } from '../../../ui/records/data';
import { localized, typeLabel, type FieldDef } from '../../../ui/records/types';
import { FieldForm } from './FieldForm';
import { ObjectForm } from './ObjectForm';

export function ObjectFieldsPage() {
  const { name = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { type, isPending, error } = useRecordType(name);
  const [editing, setEditing] = useState<FieldDef | 'new' | null>(null);
  const [relabel, setRelabel] = useState(false);
  if (isPending) return <LoadingState />;
  if (error) return <ErrorState error={error} />;
  if (!type) return <EmptyState title={t('records.notFoundObject')} />;
  const manage = type.permissions.manage;

  const archive = async (f: FieldDef, archived: boolean) => {
    try {
      await api.patch(`/record-types/${type.name}/fields/${f.key}`, { archived });
      await qc.invalidateQueries({ queryKey: TYPES_KEY });
      notifySuccess(t(archived ? 'records.settings.archived' : 'records.settings.unarchived', { name: localized(f.labels, i18n.language) }));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const typeName = (f: FieldDef) => {
    const base = t(`records.types.${f.type}`);
    if (f.type === 'money' && f.currency) return `${base} · ${f.currency}`;
    if (f.type === 'relation' && f.relation) return `${base} → ${f.relation.target}`;
    return base;
  };

  return (
    <>
      <Anchor component={Link} to="/settings/objects" size="sm" c="dimmed" display="inline-flex" style={{ alignItems: 'center', gap: 4 }} mb="xs">
        <IconArrowLeft size={14} /> {t('records.settings.title')}
      </Anchor>
      <PageHeader
        title={typeLabel(type, i18n.language, 'plural')}
        description={<Text span size="sm" c="dimmed" ff="monospace">/api/v1/objects/{type.name}</Text>}
        actions={manage && (
          <>
            {type.custom && <Button variant="default" component={Link} to={`/objects/${type.name}`}>{t('records.settings.openList')}</Button>}
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setRelabel(true)} data-testid="object-edit">{t('records.settings.editObject')}</Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="field-new">{t('records.settings.addField')}</Button>
          </>
        )}
      />
      <Card withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="fields-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.settings.label')}</Table.Th>
                <Table.Th>{t('records.settings.key')}</Table.Th>
                <Table.Th>{t('records.settings.type')}</Table.Th>
                <Table.Th />
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {type.fields.map((f) => (
                <Table.Tr key={f.key} data-testid="field-row" data-key={f.key} style={{ opacity: f.archived ? 0.6 : 1 }}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{localized(f.labels, i18n.language)}</Text>
                    <Text size="xs" c="dimmed">{i18n.language.startsWith('vi') ? f.labels.en : f.labels.vi}</Text>
                  </Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{f.key}</Text></Table.Td>
                  <Table.Td><Text size="sm">{typeName(f)}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {f.key === type.titleField && <Badge size="xs" variant="light">{t('records.settings.titleField')}</Badge>}
                      {f.required && <Badge size="xs" variant="light" color="orange">{t('records.settings.required')}</Badge>}
                      {f.unique && <Badge size="xs" variant="light" color="grape">{t('records.settings.unique')}</Badge>}
                      {f.archived && <Badge size="xs" variant="light" color="gray" data-testid="field-archived">{t('records.settings.archivedBadge')}</Badge>}
                      {(f.formula || f.rollup) && <Badge size="xs" variant="light" color="teal" title={f.formula ?? undefined}>{t('records.settings.computedBadge')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    {manage && (!f.readOnly || f.formula || f.rollup) && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(f)} data-testid="field-edit">{t('common.edit')}</Button>
                        {f.key !== type.titleField && (
                          <Button size="compact-sm" variant="subtle" color="gray" leftSection={f.archived ? <IconArrowBackUp size={14} /> : <IconArchive size={14} />} onClick={() => void archive(f, !f.archived)} data-testid="field-archive">
                            {f.archived ? t('records.settings.unarchive') : t('records.settings.archive')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('records.settings.addField') : t('records.settings.editField')} size="lg" centered>
        {editing && <FieldForm type={type} field={editing === 'new' ? undefined : editing} onCancel={() => setEditing(null)} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={relabel} onClose={() => setRelabel(false)} title={t('records.settings.editObject')} size="lg" centered>
        {relabel && <ObjectForm type={type} onCancel={() => setRelabel(false)} onDone={() => setRelabel(false)} />}
      </Modal>
    </>
  );
}
