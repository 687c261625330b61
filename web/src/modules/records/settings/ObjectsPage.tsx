/** Settings › Objects: every object with its API name and field count; create a custom object. */
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { HelpLink } from '../../../ui/HelpLink';
import { useRecordTypes } from '../../../ui/records/data';
import { objectIcon } from '../../../ui/records/icons';
import { typeLabel } from '../../../ui/records/types';
import { ObjectForm } from './ObjectForm';

export function ObjectsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const types = useRecordTypes();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('records.settings.title')} description={t('records.settings.description')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="object-new">{t('records.settings.newObject')}</Button>}
      />
      {types.isPending ? <LoadingState /> : types.error ? <ErrorState error={types.error} onRetry={() => void types.refetch()} /> : !types.data?.length ? (
        <EmptyState title={t('records.settings.none')} description={t('records.settings.noneHint')} action={<HelpLink page="custom-objects" />} />
      ) : (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="objects-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('records.settings.object')}</Table.Th>
                  <Table.Th>{t('records.settings.apiName')}</Table.Th>
                  <Table.Th>{t('records.settings.fields')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {types.data.map((type) => {
                  const Icon = objectIcon(type.icon);
                  return (
                    <Table.Tr key={type.name} data-testid="object-row" data-name={type.name}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Icon size={18} />
                          <Anchor component={Link} to={`/settings/objects/${type.name}`} fw={600} size="sm">{typeLabel(type, i18n.language, 'plural')}</Anchor>
                          {type.custom && <Badge size="xs" variant="light">{t('records.settings.custom')}</Badge>}
                        </Group>
                      </Table.Td>
                      <Table.Td><Text size="sm" ff="monospace">{type.name}</Text></Table.Td>
                      <Table.Td><Text size="sm">{type.fields.filter((f) => !f.archived).length}</Text></Table.Td>
                      <Table.Td ta="right">{type.custom && <Anchor component={Link} to={`/objects/${type.name}`} size="sm">{t('records.settings.openList')}</Anchor>}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('records.settings.newObject')} size="lg" centered>
        {creating && <ObjectForm onCancel={() => setCreating(false)} onDone={(type) => { setCreating(false); navigate(`/settings/objects/${type.name}`); }} />}
      </Modal>
    </>
  );
}
