/**
 * "New field" beside an unmapped column in the mapping step (administrators): creates a custom field of the import's
 * entity named after the column (text by default; number, date, or a select of the column's values) and maps the
 * column to it, without leaving the wizard (POST /imports/{id}/custom-fields).
 */
import { useState } from 'react';
import { Button, Popover, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { columnFieldTypes } from '../../../../contracts/imports';
import type { CustomField } from '../../../../contracts/custom-fields';
import { api, ApiError } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import type { ImportRun } from './data';

type FieldType = (typeof columnFieldTypes)[number];

export function NewFieldButton({ imp, column, onCreated }: { imp: ImportRun; column: string; onCreated: (target: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState(column);
  const [type, setType] = useState<FieldType>('text');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await api.post<{ field: CustomField; import: ImportRun }>(`/imports/${imp.id}/custom-fields`, { column, name, type });
      await qc.invalidateQueries({ queryKey: ['/custom-fields'] });
      onCreated(`custom.${out.field.key}`);
      notifySuccess(t('imports.fieldCreated', { name: out.field.label.en }));
      setOpened(false);
    } catch (e) {
      // A bad or taken name is shown under the name field; anything else as a notification.
      if (e instanceof ApiError && e.fields.some((f) => f.path === 'name' || f.path === 'type')) setError(e.fields[0]!.message);
      else notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus withinPortal>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setOpened((o) => !o)} data-testid="mapping-new-field">
          {t('imports.newField')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="new-field-form">
        <Stack gap="xs" w={260}>
          <TextInput size="xs" label={t('imports.fieldName')} value={name} onChange={(e) => { setName(e.currentTarget.value); setError(null); }}
            error={error} maxLength={100} data-testid="new-field-name" description={t('imports.newFieldTitle', { column })} />
          <Select size="xs" label={t('imports.fieldType')} value={type} allowDeselect={false} comboboxProps={{ withinPortal: false }}
            data={columnFieldTypes.map((v) => ({ value: v, label: t(`imports.fieldTypes.${v}`) }))} onChange={(v) => v && setType(v as FieldType)} data-testid="new-field-type" />
          <Button size="xs" loading={busy} disabled={!name.trim()} onClick={() => void create()} data-testid="new-field-create">{t('imports.createField')}</Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
