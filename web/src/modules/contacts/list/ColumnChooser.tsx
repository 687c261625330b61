/** Column chooser: tick columns (built-in and custom), move the ticked ones up or down, or reset. */
import { ActionIcon, Button, Checkbox, Divider, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Column } from './columns';

export function ColumnChooser({ all, value, defaults, onChange }: { all: Column[]; value: string[]; defaults: string[]; onChange: (keys: string[]) => void }) {
  const { t } = useTranslation();
  const byKey = new Map(all.map((c) => [c.key, c]));
  const shown = value.filter((k) => byKey.has(k));
  const hidden = all.filter((c) => !shown.includes(c.key));
  const move = (i: number, d: -1 | 1) => {
    const next = [...shown];
    const j = i + d;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <Popover position="bottom-end" shadow="md" width={280} withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="columns-open">{t('contacts.columns.button')}</Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="column-chooser">
        <Text fw={600} size="sm" mb="xs">{t('contacts.columns.title')}</Text>
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack gap={4} pr="xs">
            {shown.map((k, i) => {
              const c = byKey.get(k)!;
              return (
                <Group key={k} justify="space-between" wrap="nowrap" gap={4}>
                  <Checkbox size="xs" label={c.label} checked disabled={k === 'name'} onChange={() => onChange(shown.filter((x) => x !== k))} data-testid={`column-toggle-${k}`} />
                  <Group gap={0} wrap="nowrap">
                    <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('contacts.columns.moveUp')}><IconArrowUp size={14} /></ActionIcon>
                    <ActionIcon size="sm" variant="subtle" color="gray" disabled={i === shown.length - 1} onClick={() => move(i, 1)} aria-label={t('contacts.columns.moveDown')}><IconArrowDown size={14} /></ActionIcon>
                  </Group>
                </Group>
              );
            })}
            {hidden.length > 0 && <Divider my={4} />}
            {hidden.map((c) => (
              <Checkbox key={c.key} size="xs" label={c.label} checked={false} onChange={() => onChange([...shown, c.key])} data-testid={`column-toggle-${c.key}`} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Button variant="subtle" size="xs" mt="xs" onClick={() => onChange(defaults)} data-testid="columns-reset">{t('contacts.columns.reset')}</Button>
      </Popover.Dropdown>
    </Popover>
  );
}
