/** Settings › Custom fields: per entity, list, create/edit (type, labels, options, required, default, classification), delete. */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Table, Text } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCustomFields, type CustomField } from '../data';
import { localized, type Entity } from '../logic';
import { CustomFieldModal } from './CustomFieldForm';

export function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const [entity, setEntity] = useState<Entity>('contact');
  const fields = useCustomFields(entity);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);

  const remove = async (f: CustomField) => {
    const name = localized(f.label, i18n.language);
    if (!(await confirm({ title: t('contacts.customFields.deleteTitle'), message: t('contacts.customFields.deleteConfirm', { name }), confirmLabel: t('common.delete') }))) return;
    try {
      await api.delete(`/custom-fields/${f.id}`);
      await qc.invalidateQueries({ queryKey: ['/custom-fields'] });
      notifySuccess(t('contacts.customFields.deleted', { name }));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  return (
    <>
      <PageHeader
        title={t('contacts.customFields.title')}
        description={t('contacts.customFields.description')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="custom-field-create">{t('contacts.customFields.create')}</Button>}
      />
      <SegmentedControl
        mb="md" value={entity} onChange={(v) => setEntity(v as Entity)} data-testid="custom-field-entity"
        data={[{ value: 'contact', label: t('contacts.customFields.entityContact') }, { value: 'company', label: t('contacts.customFields.entityCompany') }]}
      />
      {fields.isPending ? (
        <LoadingState />
      ) : fields.error ? (
        <ErrorState error={fields.error} onRetry={() => void fields.refetch()} />
      ) : !fields.data.length ? (
        <EmptyState title={t('contacts.customFields.empty')} description={t('contacts.customFields.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table highlightOnHover data-testid="custom-fields-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.fields.label')}</Table.Th>
                <Table.Th>{t('contacts.customFields.key')}</Table.Th>
                <Table.Th>{t('contacts.customFields.type')}</Table.Th>
                <Table.Th>{t('contacts.customFields.classification')}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.data.map((f) => (
                <Table.Tr key={f.id} data-testid="custom-field-row" data-key={f.key}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={500}>{localized(f.label, i18n.language)}</Text>
                      {f.required && <Badge size="xs" color="red" variant="light">{t('contacts.customFields.required')}</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed">{localized(f.label, i18n.language === 'vi' ? 'en' : 'vi')}</Text>
                  </Table.Td>
                  <Table.Td><Text size="sm" ff="monospace">{f.key}</Text></Table.Td>
                  <Table.Td><Badge variant="light" color="gray">{t(`contacts.customFields.types.${f.type}`)}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{t(`classification.${f.classification}`)}</Text></Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid="custom-field-actions"><IconDots size={16} /></ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(f)} data-testid="custom-field-edit">{t('common.edit')}</Menu.Item>
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove(f)} data-testid="custom-field-delete">{t('common.delete')}</Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CustomFieldModal entity={entity} field={editing} nextPosition={(fields.data?.length ?? 0) * 10} onClose={() => setEditing(null)} />
    </>
  );
}
