import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import type { Classification } from '../../../app/session';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { ErrorState, LoadingState } from '../../../ui/states';
import { name } from '../validation';
import { useInvalidate, type PermissionModule, type Role } from './data';
import { PermissionMatrix } from './PermissionMatrix';
import { cleanGrants, type Grants } from './permissions';

const CLASSIFICATIONS: Classification[] = ['public', 'internal', 'confidential', 'restricted'];

function RoleForm({ role, modules }: { role: Role | null; modules: PermissionModule[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const invalidate = useInvalidate();
  const form = useForm({
    initialValues: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      isAdmin: role?.isAdmin ?? false,
      maxClassification: role?.maxClassification ?? ('internal' as Classification),
      permissions: (role?.permissions ?? {}) as Grants,
    },
    validate: (v) => ({ name: name(v.name), description: v.description.length > 1000 ? 'validation.tooLong' : null }),
  });

  const submit = form.onSubmit(
    async (v) => {
      const body = {
        name: v.name.trim(),
        description: v.description.trim() || null,
        isAdmin: v.isAdmin,
        maxClassification: v.maxClassification,
        permissions: cleanGrants(v.permissions, modules),
      };
      if (role) await api.patch(`/roles/${role.id}`, body, { version: role.version });
      else await api.post('/roles', body);
      await invalidate('/roles', '/users');
      notifySuccess(role ? t('roles.saved') : t('roles.created'));
      navigate('/settings/roles');
    },
    // On 412 the message asks to reload; refetching here would wipe the user's unsaved edits.
    (e) => form.applyApiError(e, errorMessage(e, t)),
  );

  const remove = async () => {
    if (!role) return;
    const ok = await confirm({ title: t('roles.deleteTitle'), message: t('roles.deleteConfirm', { name: role.name }), confirmLabel: t('common.delete') });
    if (!ok) return;
    try {
      await api.delete(`/roles/${role.id}`);
      await invalidate('/roles');
      notifySuccess(t('roles.deleted', { name: role.name }));
      navigate('/settings/roles');
    } catch (e) {
      notifyError(errorMessage(e, t), t('roles.deleteFailed'));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <Card withBorder padding="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('fields.name')} required {...form.getInputProps('name')} data-testid="role-name" />
            <Select label={t('roles.maxClassification')} description={t('roles.maxClassificationHint')} allowDeselect={false}
              data={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} {...form.getInputProps('maxClassification')} data-testid="role-classification" />
          </SimpleGrid>
          <Textarea mt="md" label={t('fields.description')} autosize minRows={2} {...form.getInputProps('description')} data-testid="role-description" />
          <Switch mt="md" label={t('roles.isAdmin')} description={t('roles.isAdminHint')} {...form.getInputProps('isAdmin', { type: 'checkbox' })} data-testid="role-is-admin" />
        </Card>
        <div>
          <Title order={4} mb={4}>{t('roles.permissions')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('roles.permissionsHint')}</Text>
          {form.values.isAdmin && <Alert icon={<IconInfoCircle size={18} />} mb="sm">{t('roles.adminAll')}</Alert>}
          {form.errors.permissions && <Text c="red" size="sm" mb="xs">{form.errors.permissions}</Text>}
          <PermissionMatrix modules={modules} value={form.values.permissions} onChange={(g) => form.setFieldValue('permissions', g)} disabled={form.values.isAdmin} />
        </div>
        <Group justify="space-between">
          {role ? <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} data-testid="role-delete">{t('common.delete')}</Button> : <span />}
          <Group>
            <Button variant="default" component={Link} to="/settings/roles">{t('common.cancel')}</Button>
            <Button type="submit" loading={form.submitting} data-testid="role-submit">{role ? t('common.save') : t('roles.create')}</Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** /settings/roles/new and /settings/roles/:id. */
export function RoleEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const creating = !id || id === 'new';
  const modules = useQuery({ queryKey: ['/permission-modules'], queryFn: () => api.get<PermissionModule[]>('/permission-modules'), staleTime: 10 * 60_000 });
  const role = useQuery({ queryKey: ['/roles', id], queryFn: () => api.get<Role>(`/roles/${id}`), enabled: !creating });

  const title = creating ? t('roles.create') : (role.data?.name ?? t('roles.title'));
  const error = modules.error ?? role.error;
  return (
    <Stack maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/settings/roles" size="sm">{t('roles.title')}</Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <Title order={2} data-testid="page-title">{title}</Title>
      {error ? (
        <ErrorState error={error} onRetry={() => { void modules.refetch(); void role.refetch(); }} />
      ) : modules.isPending || (!creating && role.isPending) ? (
        <LoadingState />
      ) : (
        <RoleForm key={role.data?.id ?? 'new'} role={creating ? null : (role.data ?? null)} modules={modules.data ?? []} />
      )}
    </Stack>
  );
}
