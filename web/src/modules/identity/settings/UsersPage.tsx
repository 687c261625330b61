import { useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDots, IconKey, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCursorList } from '../../../app/queries';
import { formatDateTime } from '../../../ui/format';
import { LoadMore } from '../../../ui/LoadMore';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { roleOptions, useRoles, type User } from './data';
import { ResetPasswordModal, UserFormModal } from './UserForms';

export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [roleId, setRoleId] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const users = useCursorList<User>('/users', { limit: 50, q: debounced, roleId });
  const roles = useRoles();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [params, setParams] = useSearchParams();

  // /settings/users?new=1 (the palette's "New user") opens the create form.
  useEffect(() => {
    if (params.get('new')) {
      setEditing('new');
      setParams({}, { replace: true });
    }
  }, [params, setParams]);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="users-create">{t('users.create')}</Button>}
      />
      <Group mb="md" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
        <TextInput placeholder={t('users.search')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="users-search" style={{ flex: '2 1 220px' }} />
        <Select placeholder={t('users.allRoles')} data={roleOptions(roles.data)} value={roleId} onChange={setRoleId} clearable data-testid="users-role-filter" style={{ flex: '1 1 160px' }} />
      </Group>
      {users.isPending ? (
        <LoadingState />
      ) : users.error ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.items.length === 0 ? (
        <EmptyState title={t('users.empty')} description={debounced || roleId ? t('common.noMatches') : undefined} />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table highlightOnHover data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.fullName')}</Table.Th>
                <Table.Th>{t('fields.role')}</Table.Th>
                <Table.Th>{t('fields.team')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <Table.Th>{t('users.lastLogin')}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.items.map((u) => (
                <Table.Tr key={u.id} data-testid="user-row" data-email={u.email}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{u.name}</Text>
                    <Text size="xs" c="dimmed">{u.email}</Text>
                  </Table.Td>
                  <Table.Td><Text size="sm">{u.roleName}</Text></Table.Td>
                  <Table.Td><Text size="sm" c={u.teamName ? undefined : 'dimmed'}>{u.teamName ?? '—'}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge size="sm" variant="light" color={u.active ? 'teal' : 'gray'}>{u.active ? t('users.active') : t('users.inactive')}</Badge>
                      {u.totpEnabled && <Badge size="sm" variant="outline" color="indigo">2FA</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')}</Text></Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid="user-actions"><IconDots size={16} /></ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(u)} data-testid="user-edit">{t('common.edit')}</Menu.Item>
                        <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setResetting(u)} data-testid="user-reset-password">{t('users.resetPassword')}</Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={users.hasMore} loading={users.loadingMore} onLoad={users.loadMore} />
      <UserFormModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
