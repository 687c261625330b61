/**
 * Filters built from an object's field types: field → operator (logic.filterOps) → a value input of the
 * field's own type (FieldInput: options, people, teams, records, money, dates…). Edits a draft; Apply sends.
 * FilterChips shows the applied conditions (text.chipText: names, not ids), each removable.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, CloseButton, Group, Indicator, Popover, Select, Stack, Text } from '@mantine/core';
import { IconFilter, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FieldInput } from './FieldInput';
import { usePersonName, useTeamName } from './pickers';
import { filterOps, isComplete, shown, valueShape, type FilterOp } from './logic';
import { chipText } from './text';
import { localized, type FieldDef, type RecordFilter } from './types';

interface Props {
  fields: FieldDef[];
  value: RecordFilter[];
  onApply: (filters: RecordFilter[]) => void;
}

const defaultOp = (f: FieldDef): FilterOp => (filterOps(f).includes('contains') && f.type !== 'multi_select' ? 'contains' : filterOps(f)[0]!);

export function FilterBuilder({ fields, value, onApply }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<RecordFilter[]>(value);
  const usable = fields.filter((f) => f.filterable && !f.archived).map(shown);
  const byKey = (k: string) => usable.find((f) => f.key === k);
  const update = (i: number, c: RecordFilter) => setDraft((d) => d.map((x, j) => (j === i ? c : x)));
  const add = () => {
    const f = usable[0];
    if (f) setDraft((d) => [...d, { field: f.key, op: defaultOp(f) }]);
  };
  const apply = () => {
    onApply(draft.filter(isComplete));
    setOpen(false);
  };

  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={560} shadow="md" trapFocus>
      <Indicator label={value.length} size={16} disabled={!value.length}>
        <Popover.Target>
          <Button variant="default" leftSection={<IconFilter size={16} />} onClick={() => { setDraft(value.length ? value : []); setOpen((o) => !o); }} data-testid="filter-open">
            {t('records.filters.button')}
          </Button>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown maw="calc(100vw - 16px)">
        <Stack gap="xs">
          {draft.length === 0 && <Text size="sm" c="dimmed">{t('records.filters.none')}</Text>}
          {draft.map((c, i) => {
            const f = byKey(c.field);
            if (!f) return null;
            const shape = valueShape(c.op);
            return (
              <Group key={i} gap={6} wrap="wrap" align="flex-start" data-testid="filter-row">
                <Select
                  size="sm" style={{ flex: '1 1 150px' }} aria-label={t('records.filters.field')} data-testid="filter-field" comboboxProps={{ withinPortal: false }}
                  data={usable.map((x) => ({ value: x.key, label: localized(x.labels, i18n.language) }))} value={c.field} allowDeselect={false}
                  onChange={(k) => { const nf = k ? byKey(k) : undefined; if (nf) update(i, { field: nf.key, op: defaultOp(nf) }); }}
                />
                <Select
                  size="sm" style={{ flex: '0 1 140px' }} aria-label={t('records.filters.operator')} data-testid="filter-op" comboboxProps={{ withinPortal: false }}
                  data={filterOps(f).map((o) => ({ value: o, label: t(`records.ops.${o}`) }))} value={c.op} allowDeselect={false}
                  onChange={(o) => o && update(i, { field: c.field, op: o as FilterOp, value: valueShape(o as FilterOp) === shape ? c.value : undefined })}
                />
                {shape !== 'none' && (
                  <div style={{ flex: '1 1 180px', minWidth: 0 }}>
                    <FieldInput
                      f={f} value={c.value} multiple={shape === 'list'} inPopover testId="filter-value"
                      onChange={(v) => update(i, { ...c, value: f.type === 'money' && v && typeof v === 'object' ? (v as { amount: number }).amount : v })}
                    />
                  </div>
                )}
                <ActionIcon variant="subtle" color="gray" onClick={() => setDraft((d) => d.filter((_, j) => j !== i))} aria-label={t('records.filters.remove')} mt={4}>
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          <Group justify="space-between">
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={add} disabled={!usable.length} data-testid="filter-add">{t('records.filters.add')}</Button>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setDraft([])}>{t('records.filters.clear')}</Button>
              <Button size="xs" onClick={apply} data-testid="filter-apply">{t('records.filters.apply')}</Button>
            </Group>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function FilterChips({ fields, value, onChange }: { fields: FieldDef[]; value: RecordFilter[]; onChange: (f: RecordFilter[]) => void }) {
  const { t, i18n } = useTranslation();
  const person = usePersonName();
  const team = useTeamName();
  if (!value.length) return null;
  const ctx = { language: i18n.language, t, person, team };
  return (
    <Group gap={6} mb="xs" data-testid="filter-chips">
      {value.map((c, i) => {
        const f = fields.find((x) => x.key === c.field);
        if (!f) return null;
        return (
          <Badge key={i} variant="light" tt="none" size="lg" data-testid="filter-chip"
            rightSection={<CloseButton size="xs" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('records.filters.remove')} />}>
            {chipText(f, c, ctx)}
          </Badge>
        );
      })}
      <Button variant="subtle" size="compact-xs" onClick={() => onChange([])}>{t('records.filters.clear')}</Button>
    </Group>
  );
}
