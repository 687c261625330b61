/**
 * Saved views of an object's list (entity `object:<name>`): pick one (mine, and those shared with my team),
 * save the current filters/sort/columns as a new private or team view, save changes into the current one,
 * delete it.
 */
import { useRef, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconDots, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { useConfirm } from '../confirm';
import { errorMessage } from '../errors';
import { FormAlert } from '../FormAlert';
import { GuardedModal, useUnsavedGuard } from '../forms/unsaved';
import { notifyError, notifySuccess } from '../notify';
import { viewEntity } from './data';
import type { RecordFilter, SavedView, ViewInput } from './types';

export type ObjectView = SavedView<RecordFilter>;
export interface ViewState {
  filters: RecordFilter[];
  sort: string;
  columns: string[];
}

const ALL = '__all';

export function useObjectViews(name: string) {
  const entity = viewEntity(name);
  return useQuery({
    queryKey: ['/views', entity],
    queryFn: ({ signal }) => api.get<{ data: ObjectView[] }>('/views', { entity }, { signal }),
    select: (d) => d.data,
  });
}

function SaveAs({ onSave, onClose }: { onSave: (name: string, visibility: 'private' | 'team') => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<'private' | 'team'>('private');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A typed name is a change; while saving (which may move to the new view's URL) it is not.
  const busy = useRef(false);
  const guard = useUnsavedGuard(() => !busy.current && name.trim() !== '');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('validation.required'));
    setSaving(true);
    busy.current = true;
    try {
      await onSave(name.trim(), visibility);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={error} />
        <TextInput label={t('records.views.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="view-name" />
        <SegmentedControl
          data={[{ value: 'private', label: t('records.views.private') }, { value: 'team', label: t('records.views.team') }]}
          value={visibility} onChange={(v) => setVisibility(v as 'private' | 'team')} data-testid="view-visibility"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => guard.close(onClose)}>{t('common.cancel')}</Button>
          <Button type="submit" loading={saving} data-testid="view-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ViewsBar({ name, allLabel, currentId, state, dirty, onSelect, builtins = [] }: { name: string; allLabel: string; currentId: string | null; state: ViewState; dirty: boolean; onSelect: (v: ObjectView | null) => void; builtins?: ObjectView[] }) {
  const { t } = useTranslation();
  const me = useUser();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const views = useObjectViews(name);
  const [modal, setModal] = useState(false);
  const list = views.data ?? [];
  const current = list.find((v) => v.id === currentId) ?? builtins.find((v) => v.id === currentId) ?? null;
  const entity = viewEntity(name);
  const refresh = () => qc.invalidateQueries({ queryKey: ['/views', entity] });
  const groups = [
    { group: t('records.views.builtIn'), items: builtins.map((v) => ({ value: v.id, label: v.name })) },
    { group: t('records.views.mine'), items: list.filter((v) => v.ownerId === me.id).map((v) => ({ value: v.id, label: v.name })) },
    { group: t('records.views.shared'), items: list.filter((v) => v.ownerId !== me.id).map((v) => ({ value: v.id, label: v.name })) },
  ].filter((g) => g.items.length);

  const saveNew = async (viewName: string, visibility: 'private' | 'team') => {
    const body: ViewInput = { entity, name: viewName, visibility, filters: state.filters, sort: state.sort || null, columns: state.columns };
    const created = await api.post<ObjectView>('/views', body);
    await refresh();
    notifySuccess(t('records.views.created', { name: viewName }));
    setModal(false);
    onSelect(created);
  };
  const saveChanges = async () => {
    if (!current) return;
    try {
      const saved = await api.patch<ObjectView>(`/views/${current.id}`, { filters: state.filters, sort: state.sort || null, columns: state.columns }, { version: current.version });
      await refresh();
      notifySuccess(t('records.views.updated', { name: saved.name }));
      onSelect(saved);
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const remove = async () => {
    if (!current) return;
    if (!(await confirm({ title: t('records.views.deleteTitle'), message: t('records.views.deleteConfirm', { name: current.name }), confirmLabel: t('common.delete') }))) return;
    try {
      await api.delete(`/views/${current.id}`);
      await refresh();
      onSelect(null);
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  return (
    <Group gap={4} wrap="nowrap" style={{ flex: '1 1 220px', minWidth: 0 }}>
      <Select
        data={[{ value: ALL, label: allLabel }, ...groups]} value={currentId ?? ALL} allowDeselect={false} aria-label={t('records.views.label')}
        onChange={(id) => onSelect(list.find((v) => v.id === id) ?? builtins.find((v) => v.id === id) ?? null)} style={{ flex: 1, minWidth: 0 }} data-testid="view-select"
        rightSection={dirty && current ? <Badge size="xs" variant="dot" color="orange">{t('records.views.modified')}</Badge> : undefined}
        rightSectionWidth={dirty && current ? 96 : undefined}
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('records.views.menu')} data-testid="view-menu"><IconDots size={16} /></ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setModal(true)} data-testid="view-save-as">{t('records.views.saveAs')}</Menu.Item>
          {current?.editable && (
            <>
              <Menu.Item leftSection={<IconDeviceFloppy size={14} />} disabled={!dirty} onClick={() => void saveChanges()} data-testid="view-save">{t('records.views.saveChanges')}</Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} data-testid="view-delete">{t('records.views.delete')}</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <GuardedModal opened={modal} onClose={() => setModal(false)} title={t('records.views.saveAs')} centered>
        {modal && <SaveAs onSave={saveNew} onClose={() => setModal(false)} />}
      </GuardedModal>
    </Group>
  );
}
