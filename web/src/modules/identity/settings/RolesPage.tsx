import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { HelpLink } from '../../../ui/HelpLink';
import { useRoles } from './data';

export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const navigate = useNavigate();
  const list = [...(roles.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHeader
        title={t('roles.title')}
        description={t('roles.description')}
        actions={<Button component={Link} to="new" leftSection={<IconPlus size={16} />} data-testid="roles-create">{t('roles.create')}</Button>}
      />
      {roles.isPending ? (
        <LoadingState />
      ) : roles.error ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title={t('roles.empty')} action={<HelpLink page="roles-and-permissions" />} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover data-testid="roles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('roles.access')}</Table.Th>
                <Table.Th>{t('roles.maxClassification')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((r) => (
                <Table.Tr key={r.id} onClick={() => navigate(r.id)} style={{ cursor: 'pointer' }} data-testid="role-row" data-name={r.name}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{r.name}</Text>
                    {r.description && <Text size="xs" c="dimmed" lineClamp={1}>{r.description}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {r.isAdmin ? (
                      <Badge color="grape" variant="light">{t('roles.admin')}</Badge>
                    ) : (
                      <Group gap={4}>
                        <Text size="sm">{t('roles.moduleCount', { count: Object.keys(r.permissions).length })}</Text>
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td><Badge variant="outline" color="gray">{t(`classification.${r.maxClassification}`)}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
