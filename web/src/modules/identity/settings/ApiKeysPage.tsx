import { useState } from 'react';
import { Alert, Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreateApiKeyResponse } from '../../../../../contracts/identity';
import { api } from '../../../app/api';
import { useCursorList } from '../../../app/queries';
import { useConfirm } from '../../../ui/confirm';
import { CopyValue } from '../../../ui/CopyValue';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { formatDate, formatDateTime } from '../../../ui/format';
import { useForm } from '../../../ui/form';
import { LoadMore } from '../../../ui/LoadMore';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { name, required } from '../validation';
import { roleOptions, useInvalidate, useRoles, type ApiKey } from './data';

/** A date input's "YYYY-MM-DD" as the end of that day in the browser's zone, in ISO 8601. */
export function endOfDayIso(date: string): string | null {
  if (!date) return null;
  const d = new Date(`${date}T23:59:59`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function CreateKeyForm({ onCreated, onClose }: { onCreated: (r: CreateApiKeyResponse) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const invalidate = useInvalidate();
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm({
    initialValues: { name: '', roleId: '', expiresAt: '' },
    validate: (v) => ({ name: name(v.name), roleId: required(v.roleId), expiresAt: v.expiresAt && v.expiresAt <= today ? 'validation.futureDate' : null }),
  });
  const submit = form.onSubmit(
    async (v) => {
      const res = await api.post<CreateApiKeyResponse>('/api-keys', { name: v.name.trim(), roleId: v.roleId, expiresAt: endOfDayIso(v.expiresAt) });
      await invalidate('/api-keys');
      onCreated(res);
    },
    (e) => form.applyApiError(e, errorMessage(e, t)),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <TextInput label={t('fields.name')} description={t('apiKeys.nameHint')} required {...form.getInputProps('name')} data-testid="apikey-name" />
        <Select label={t('fields.role')} description={t('apiKeys.roleHint')} required data={roleOptions(roles.data)} {...form.getInputProps('roleId')} data-testid="apikey-role" />
        <TextInput type="date" label={t('apiKeys.expires')} description={t('apiKeys.expiresHint')} min={today} {...form.getInputProps('expiresAt')} data-testid="apikey-expires" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="apikey-submit">{t('apiKeys.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function status(k: ApiKey): 'revoked' | 'expired' | 'active' {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && new Date(k.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const keys = useCursorList<ApiKey>('/api-keys', { limit: 50 });
  const confirm = useConfirm();
  const invalidate = useInvalidate();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreateApiKeyResponse | null>(null);

  const revoke = async (k: ApiKey) => {
    const ok = await confirm({ title: t('apiKeys.revokeTitle'), message: t('apiKeys.revokeConfirm', { name: k.name }), confirmLabel: t('apiKeys.revoke') });
    if (!ok) return;
    try {
      await api.delete(`/api-keys/${k.id}`);
      notifySuccess(t('apiKeys.revoked', { name: k.name }));
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      await invalidate('/api-keys');
    }
  };

  const colors = { active: 'teal', revoked: 'red', expired: 'gray' } as const;
  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="apikeys-create">{t('apiKeys.create')}</Button>}
      />
      {keys.isPending ? (
        <LoadingState />
      ) : keys.error ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.items.length === 0 ? (
        <EmptyState title={t('apiKeys.empty')} description={t('apiKeys.emptyHint')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="apikeys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('apiKeys.prefix')}</Table.Th>
                <Table.Th>{t('fields.role')}</Table.Th>
                <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                <Table.Th>{t('apiKeys.expires')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.items.map((k) => {
                const s = status(k);
                return (
                  <Table.Tr key={k.id} data-testid="apikey-row" data-name={k.name}>
                    <Table.Td><Text size="sm" fw={500}>{k.name}</Text><Text size="xs" c="dimmed">{formatDate(k.createdAt)}</Text></Table.Td>
                    <Table.Td><Code>{k.prefix}…</Code></Table.Td>
                    <Table.Td><Text size="sm">{k.roleName}</Text></Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('users.never')}</Text></Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{k.expiresAt ? formatDate(k.expiresAt) : t('apiKeys.never')}</Text></Table.Td>
                    <Table.Td><Badge size="sm" variant="light" color={colors[s]}>{t(`apiKeys.status.${s}`)}</Badge></Table.Td>
                    <Table.Td ta="right">
                      {s !== 'revoked' && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(k)} data-testid="apikey-revoke">{t('apiKeys.revoke')}</Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={keys.hasMore} loading={keys.loadingMore} onLoad={keys.loadMore} />

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('apiKeys.create')} centered>
        {creating && <CreateKeyForm onClose={() => setCreating(false)} onCreated={(r) => { setCreating(false); setCreated(r); }} />}
      </Modal>
      <Modal opened={created !== null} onClose={() => setCreated(null)} title={t('apiKeys.createdTitle')} centered closeOnClickOutside={false}>
        {created && (
          <Stack>
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>{t('apiKeys.secretOnce')}</Alert>
            <CopyValue value={created.secret} testId="apikey-secret" />
            <Text size="xs" c="dimmed">{t('apiKeys.usage')}</Text>
            <Group justify="flex-end"><Button onClick={() => setCreated(null)} data-testid="apikey-done">{t('common.done')}</Button></Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
