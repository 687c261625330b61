/**
 * Actions on the selected records: set one field to a value on all of them, or delete them — each one
 * `POST /objects/{name}/bulk` (all or nothing, up to 500 ids).
 */
import { useState } from 'react';
import { Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useConfirm } from '../confirm';
import { errorMessage } from '../errors';
import { FormAlert } from '../FormAlert';
import { notifyError, notifySuccess } from '../notify';
import { objectPath } from './data';
import { FieldInput } from './FieldInput';
import { localized, type FieldDef } from './types';

interface Props {
  name: string;
  ids: string[];
  fields: FieldDef[];
  canUpdate: boolean;
  canDelete: boolean;
  onDone: () => void;
  onClear: () => void;
}

function BulkEdit({ name, ids, fields, onDone }: { name: string; ids: string[]; fields: FieldDef[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const editable = fields.filter((f) => !f.readOnly && !f.archived && !f.unique);
  const [key, setKey] = useState<string | null>(editable[0]?.key ?? null);
  const [value, setValue] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const f = editable.find((x) => x.key === key);
  const save = async () => {
    if (!f) return;
    setSaving(true);
    try {
      const r = await api.post<{ count: number }>(`${objectPath(name)}/bulk`, { action: 'update', ids, values: { [f.key]: value ?? null } });
      notifySuccess(t('records.bulk.updated', { count: r.count }));
      onDone();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack>
      <FormAlert message={error} />
      <Select label={t('records.bulk.field')} data={editable.map((x) => ({ value: x.key, label: localized(x.labels, i18n.language) }))} value={key}
        onChange={(k) => { setKey(k); setValue(null); }} allowDeselect={false} data-testid="bulk-field" />
      {f && <FieldInput key={f.key} f={f} label={t('records.bulk.value')} value={value} onChange={setValue} testId="bulk-value" />}
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={saving} disabled={!f} data-testid="bulk-apply">{t('records.bulk.apply', { count: ids.length })}</Button>
      </Group>
    </Stack>
  );
}

export function BulkBar({ name, ids, fields, canUpdate, canDelete, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [editing, setEditing] = useState(false);
  const remove = async () => {
    if (!(await confirm({ title: t('records.bulk.deleteTitle'), message: t('records.bulk.deleteConfirm', { count: ids.length }), confirmLabel: t('common.delete') }))) return;
    try {
      const r = await api.post<{ count: number }>(`${objectPath(name)}/bulk`, { action: 'delete', ids });
      notifySuccess(t('records.bulk.deleted', { count: r.count }));
      onDone();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  return (
    <Paper withBorder p={6} mb="xs" radius="md" bg="blue.0" data-testid="bulk-bar">
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={500} px={6}>{t('records.bulk.selected', { count: ids.length })}</Text>
        <Group gap="xs">
          {canUpdate && <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} data-testid="bulk-edit">{t('records.bulk.edit')}</Button>}
          {canDelete && <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} data-testid="bulk-delete">{t('common.delete')}</Button>}
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>{t('records.bulk.clear')}</Button>
        </Group>
      </Group>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('records.bulk.editTitle', { count: ids.length })} centered>
        {editing && <BulkEdit name={name} ids={ids} fields={fields} onDone={() => { setEditing(false); onDone(); }} />}
      </Modal>
    </Paper>
  );
}
