/** Which fields the list shows as columns, in the object's field order. */
import { Button, Checkbox, Popover, ScrollArea, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { localized, type FieldDef } from './types';

export function ColumnChooser({ fields, value, onChange }: { fields: FieldDef[]; value: string[]; onChange: (keys: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const toggle = (key: string, on: boolean) => {
    const next = new Set(value);
    if (on) next.add(key);
    else next.delete(key);
    onChange(fields.map((f) => f.key).filter((k) => next.has(k)));
  };
  return (
    <Popover position="bottom-end" shadow="md" width={240}>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="columns-open">{t('records.columns')}</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={320}>
          <Stack gap={6}>
            {fields.map((f) => (
              <Checkbox key={f.key} label={localized(f.labels, i18n.language)} checked={value.includes(f.key)} onChange={(e) => toggle(f.key, e.currentTarget.checked)} data-testid={`column-${f.key}`} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
