/**
 * Saved views: pick one (mine and those shared with my team), save the current filters/sort/columns as
 * a new view (private or team), save changes into the current one, rename, delete.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ViewInput } from '../../../../../contracts/views';
import { api } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { GuardedModal, useUnsavedGuard } from '../../../ui/forms/unsaved';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useViews, type FilterCondition, type SavedView } from '../data';
import type { Entity } from '../logic';

const ALL = '__all';

export interface ViewState {
  filters: FilterCondition[];
  sort: string;
  columns: string[];
}

interface Props {
  entity: Entity;
  currentId: string | null;
  state: ViewState;
  dirty: boolean;
  onSelect: (view: SavedView | null) => void;
}

function ViewForm({ view, onSave, onClose }: { view: SavedView | null; onSave: (name: string, visibility: 'private' | 'team') => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { name: view?.name ?? '', visibility: view?.visibility ?? 'private' },
    validate: (v) => ({ name: v.name.trim() ? null : 'validation.required' }),
  });
  const submit = form.onSubmit(async (v) => onSave(v.name.trim(), v.visibility as 'private' | 'team'), (e) => form.applyApiError(e, errorMessage(e, t)));
  const guard = useUnsavedGuard(form.isDirty);
  return (
    <form ref={form.ref} onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <TextInput label={t('contacts.views.name')} required data-autofocus {...form.getInputProps('name')} data-testid="view-name" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('contacts.views.visibility')}</Text>
          <SegmentedControl
            data={[{ value: 'private', label: t('contacts.views.private') }, { value: 'team', label: t('contacts.views.team') }]}
            value={form.values.visibility} onChange={(v) => form.setFieldValue('visibility', v as 'private' | 'team')} data-testid="view-visibility"
          />
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => guard.close(onClose)}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="view-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ViewsBar({ entity, currentId, state, dirty, onSelect }: Props) {
  const { t } = useTranslation();
  const me = useUser();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const views = useViews(entity);
  const [modal, setModal] = useState<'new' | 'rename' | null>(null);
  const list = views.data ?? [];
  const current = list.find((v) => v.id === currentId) ?? null;
  const refresh = () => qc.invalidateQueries({ queryKey: ['/views', entity] });

  const groups = [
    { group: t('contacts.views.mine'), items: list.filter((v) => v.ownerId === me.id).map((v) => ({ value: v.id, label: v.name })) },
    { group: t('contacts.views.shared'), items: list.filter((v) => v.ownerId !== me.id).map((v) => ({ value: v.id, label: v.name })) },
  ].filter((g) => g.items.length);
  const data = [{ value: ALL, label: t(entity === 'contact' ? 'contacts.views.allContacts' : 'contacts.views.allCompanies') }, ...groups];

  const saveNew = async (name: string, visibility: 'private' | 'team') => {
    const body: ViewInput = { entity, name, visibility, filters: state.filters, sort: state.sort || null, columns: state.columns };
    const created = await api.post<SavedView>('/views', body);
    await refresh();
    notifySuccess(t('contacts.views.created', { name }));
    setModal(null);
    onSelect(created);
  };
  const rename = async (name: string, visibility: 'private' | 'team') => {
    if (!current) return;
    await api.patch<SavedView>(`/views/${current.id}`, { name, visibility }, { version: current.version });
    await refresh();
    notifySuccess(t('contacts.views.renamed'));
    setModal(null);
  };
  const saveChanges = async () => {
    if (!current) return;
    try {
      const saved = await api.patch<SavedView>(`/views/${current.id}`, { filters: state.filters, sort: state.sort || null, columns: state.columns }, { version: current.version });
      await refresh();
      notifySuccess(t('contacts.views.updated', { name: saved.name }));
      onSelect(saved);
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const remove = async () => {
    if (!current) return;
    const ok = await confirm({ title: t('contacts.views.deleteTitle'), message: t('contacts.views.deleteConfirm', { name: current.name }), confirmLabel: t('common.delete') });
    if (!ok) return;
    try {
      await api.delete(`/views/${current.id}`);
      await refresh();
      notifySuccess(t('contacts.views.deleted', { name: current.name }));
      onSelect(null);
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  return (
    <Group gap={4} wrap="nowrap" style={{ flex: '1 1 220px', minWidth: 0 }}>
      <Select
        data={data} value={currentId ?? ALL} allowDeselect={false} aria-label={t('contacts.views.label')}
        onChange={(id) => onSelect(list.find((v) => v.id === id) ?? null)} style={{ flex: 1, minWidth: 0 }} data-testid="view-select"
        rightSection={dirty && current ? <Badge size="xs" variant="dot" color="orange">{t('contacts.views.modified')}</Badge> : undefined}
        rightSectionWidth={dirty && current ? 96 : undefined}
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('contacts.views.menu')} data-testid="view-menu"><IconDots size={16} /></ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setModal('new')} data-testid="view-save-as">{t('contacts.views.saveAs')}</Menu.Item>
          {current && current.editable && (
            <>
              <Menu.Item leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} onClick={() => void saveChanges()} data-testid="view-save">{t('contacts.views.saveChanges')}</Menu.Item>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setModal('rename')} data-testid="view-rename">{t('contacts.views.rename')}</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} data-testid="view-delete">{t('contacts.views.delete')}</Menu.Item>
            </>
          )}
          {current && !current.editable && dirty && <Menu.Label>{t('contacts.views.readOnly')}</Menu.Label>}
        </Menu.Dropdown>
      </Menu>
      <GuardedModal opened={modal !== null} onClose={() => setModal(null)} title={modal === 'rename' ? t('contacts.views.rename') : t('contacts.views.saveAs')} centered>
        {modal && <ViewForm view={modal === 'rename' ? current : null} onSave={modal === 'rename' ? rename : saveNew} onClose={() => setModal(null)} />}
      </GuardedModal>
    </Group>
  );
}
