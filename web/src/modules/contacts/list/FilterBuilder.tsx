/**
 * The filter builder: a list of conditions, each field → operator → a value input that fits the field's
 * type (text, date, number, yes/no, stage, person, company, options, tags). Edits a draft; Apply sends.
 */
import { useState } from 'react';
import { ActionIcon, Button, Group, MultiSelect, NumberInput, Popover, Select, Stack, TagsInput, Text, TextInput, Indicator } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FilterCondition, FilterOp } from '../../../../../contracts/contacts';
import { localized, OPS, adaptValue, isComplete, valueShape, type FieldDef } from '../logic';
import { useStages, usePeople, useTeamOptions, type Option } from '../data';
import { RecordSelect } from '../form/RecordSelect';
import { DateField } from '../../../ui/forms/DateField';

/** Operators offered for a field (record pickers take one value, so no "is any of"). */
export function opsFor(f: FieldDef): FilterOp[] {
  const ops = OPS[f.kind];
  return f.source === 'company' || f.source === 'contact' ? ops.filter((o) => o !== 'in') : ops;
}

/** The operator a new condition starts with: "contains" for text, else the first one. */
export function defaultOp(f: FieldDef): FilterOp {
  const ops = opsFor(f);
  return ops.includes('contains') ? 'contains' : ops[0]!;
}

function useOptions(f: FieldDef | undefined): Option[] | null {
  const { i18n } = useTranslation();
  const stages = useStages().data ?? [];
  const people = usePeople();
  const teams = useTeamOptions();
  if (!f) return null;
  if (f.source === 'stage') return stages.map((s) => ({ value: s.value, label: localized(s.label, i18n.language) }));
  if (f.source === 'user') return people;
  if (f.source === 'team') return teams;
  if (f.source === 'options' && f.custom) return f.custom.options.map((o) => ({ value: o.value, label: localized(o.label, i18n.language) }));
  return null;
}

function ValueInput({ field, cond, onChange }: { field: FieldDef; cond: FilterCondition; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const options = useOptions(field);
  const shape = valueShape(cond.op);
  const v = cond.value;
  const common = { size: 'sm' as const, 'aria-label': t('contacts.filters.value'), 'data-testid': 'filter-value', style: { flex: '1 1 180px', minWidth: 0 } };
  if (shape === 'none') return null;

  if (field.kind === 'bool') {
    return <Select {...common} data={[{ value: 'true', label: t('contacts.filters.yes') }, { value: 'false', label: t('contacts.filters.no') }]} value={v === undefined ? null : String(v)} onChange={(x) => onChange(x === null ? undefined : x === 'true')} />;
  }
  if (field.source === 'company' || field.source === 'contact') {
    return <RecordSelect {...common} entity={field.source} value={typeof v === 'string' ? v : null} onChange={(id) => onChange(id ?? undefined)} comboboxProps={{ withinPortal: false }} />;
  }
  if (options) {
    return shape === 'list' ? (
      <MultiSelect {...common} data={options} value={Array.isArray(v) ? (v as string[]) : []} onChange={onChange} searchable comboboxProps={{ withinPortal: false }} />
    ) : (
      <Select {...common} data={options} value={typeof v === 'string' ? v : null} onChange={(x) => onChange(x ?? undefined)} searchable comboboxProps={{ withinPortal: false }} />
    );
  }
  if (shape === 'list') {
    return <TagsInput {...common} value={Array.isArray(v) ? (v as string[]).map(String) : []} onChange={(x) => onChange(field.kind === 'number' ? x.map(Number) : x)} placeholder={t('contacts.filters.valuesHint')} />;
  }
  const one = (val: unknown, set: (x: unknown) => void, testId: string, placeholder?: string) => {
    if (field.kind === 'number') {
      return <NumberInput {...common} data-testid={testId} placeholder={placeholder} value={typeof val === 'number' ? val : ''} onChange={(x) => set(typeof x === 'number' ? x : undefined)} />;
    }
    if (field.kind === 'date' || field.kind === 'datetime') {
      // A day in the user's pattern with a calendar (kept inside the popover); the filter sends YYYY-MM-DD.
      return <DateField {...common} data-testid={testId} placeholder={placeholder} inPopover value={typeof val === 'string' && val ? val : null} onChange={(d) => set(d ?? '')} />;
    }
    return <TextInput {...common} data-testid={testId} placeholder={placeholder} value={typeof val === 'string' ? val : ''} onChange={(e) => set(e.currentTarget.value)} />;
  };
  if (shape === 'range') {
    const pair = Array.isArray(v) ? v : ['', ''];
    return (
      <Group gap={6} wrap="nowrap" style={{ flex: '1 1 220px' }}>
        {one(pair[0], (x) => onChange([x, pair[1]]), 'filter-from', t('contacts.filters.from'))}
        {one(pair[1], (x) => onChange([pair[0], x]), 'filter-to', t('contacts.filters.to'))}
      </Group>
    );
  }
  return one(v, onChange, 'filter-value');
}

export function FilterBuilder({ fields, value, onApply }: { fields: FieldDef[]; value: FilterCondition[]; onApply: (next: FilterCondition[]) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<FilterCondition[]>(value);
  const [showIncomplete, setShowIncomplete] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const label = (f: FieldDef) => (f.custom ? f.label : t(f.label));
  const fieldData = [
    { group: t('contacts.filters.builtIn'), items: fields.filter((f) => !f.custom).map((f) => ({ value: f.key, label: label(f) })) },
    { group: t('contacts.filters.custom'), items: fields.filter((f) => f.custom).map((f) => ({ value: f.key, label: label(f) })) },
  ].filter((g) => g.items.length);

  const open = () => {
    setDraft(value.length ? value : [{ field: fields[0]!.key, op: defaultOp(fields[0]!) }]);
    setShowIncomplete(false);
    setOpened(true);
  };
  const set = (i: number, c: FilterCondition) => setDraft((d) => d.map((x, j) => (j === i ? c : x)));
  const opLabel = (f: FieldDef, op: FilterOp) =>
    f.kind === 'number' && (op === 'before' || op === 'after') ? t(`contacts.filters.numberOps.${op}`) : t(`contacts.filters.ops.${op}`);
  const apply = () => {
    if (draft.some((c) => !isComplete(c))) {
      setShowIncomplete(true);
      return;
    }
    onApply(draft);
    setOpened(false);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={phone ? 'target' : 640} shadow="md" trapFocus withinPortal>
      <Indicator label={value.length} size={16} disabled={!value.length} offset={4}>
        <Popover.Target>
          <Button variant="default" leftSection={<IconFilter size={16} />} onClick={() => (opened ? setOpened(false) : open())} data-testid="filters-open">
            {t('contacts.filters.button')}
          </Button>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown data-testid="filter-builder" style={phone ? { left: 8, right: 8, width: 'auto' } : undefined}>
        <Stack gap="sm">
          <Text fw={600} size="sm">{t('contacts.filters.title')}</Text>
          {draft.map((c, i) => {
            const f = byKey.get(c.field) ?? fields[0]!;
            return (
              <Group key={i} gap={6} wrap="wrap" align="flex-start" data-testid="filter-row">
                <Select
                  size="sm" data={fieldData} value={c.field} searchable allowDeselect={false} aria-label={t('contacts.filters.field')}
                  comboboxProps={{ withinPortal: false }} style={{ flex: '1 1 170px' }} data-testid="filter-field" openOnFocus={false}
                  onChange={(k) => {
                    const nf = k ? byKey.get(k) : undefined;
                    if (nf) set(i, { field: nf.key, op: defaultOp(nf) });
                  }}
                />
                <Select
                  size="sm" data={opsFor(f).map((o) => ({ value: o, label: opLabel(f, o) }))} value={c.op} allowDeselect={false}
                  aria-label={t('contacts.filters.operator')} comboboxProps={{ withinPortal: false }} style={{ flex: '0 1 150px' }} data-testid="filter-op"
                  onChange={(o) => o && set(i, { ...c, op: o as FilterOp, value: adaptValue(c.value, c.op, o as FilterOp) })}
                />
                <ValueInput field={f} cond={c} onChange={(v) => set(i, { ...c, value: v })} />
                <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => setDraft((d) => d.filter((_, j) => j !== i))} aria-label={t('contacts.filters.removeOne')} data-testid="filter-remove">
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          {showIncomplete && draft.some((c) => !isComplete(c)) && <Text size="xs" c="red">{t('contacts.filters.incomplete')}</Text>}
          <Group justify="space-between">
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDraft((d) => [...d, { field: fields[0]!.key, op: defaultOp(fields[0]!) }])} data-testid="filter-add">
              {t('contacts.filters.add')}
            </Button>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => { onApply([]); setOpened(false); }} data-testid="filter-clear">{t('contacts.filters.clear')}</Button>
              <Button size="xs" onClick={apply} data-testid="filter-apply">{t('contacts.filters.apply')}</Button>
            </Group>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Active conditions as removable chips under the toolbar. */
export function FilterChips({ fields, value, onChange }: { fields: FieldDef[]; value: FilterCondition[]; onChange: (next: FilterCondition[]) => void }) {
  const { t } = useTranslation();
  const describe = useDescribe(fields);
  if (!value.length) return null;
  return (
    <Group gap={6} mb="xs" wrap="wrap" data-testid="filter-chips">
      {value.map((c, i) => (
        <Button key={i} size="compact-sm" variant="light" rightSection={<IconX size={12} />} onClick={() => onChange(value.filter((_, j) => j !== i))} data-testid="filter-chip">
          {describe(c)}
        </Button>
      ))}
      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => onChange([])} data-testid="filter-chips-clear">{t('contacts.clearFilters')}</Button>
    </Group>
  );
}

function useDescribe(fields: FieldDef[]) {
  const { t, i18n } = useTranslation();
  const stages = useStages().data ?? [];
  const people = usePeople();
  const teams = useTeamOptions() ?? [];
  return (c: FilterCondition) => {
    const f = fields.find((x) => x.key === c.field);
    const name = f ? (f.custom ? f.label : t(f.label)) : c.field;
    const op = f?.kind === 'number' && (c.op === 'before' || c.op === 'after') ? t(`contacts.filters.numberOps.${c.op}`) : t(`contacts.filters.ops.${c.op}`);
    const one = (v: unknown): string => {
      if (typeof v === 'boolean') return v ? t('contacts.filters.yes') : t('contacts.filters.no');
      const s = String(v);
      if (f?.source === 'stage') { const st = stages.find((x) => x.value === s); return st ? localized(st.label, i18n.language) : s; }
      if (f?.source === 'user') return people.find((x) => x.value === s)?.label ?? s;
      if (f?.source === 'team') return teams.find((x) => x.value === s)?.label ?? s;
      if (f?.source === 'options' && f.custom) { const o = f.custom.options.find((x) => x.value === s); return o ? localized(o.label, i18n.language) : s; }
      if (f?.source === 'company' || f?.source === 'contact') return '…' + s.slice(-4);
      return s;
    };
    const shape = valueShape(c.op);
    const val = shape === 'none' ? '' : shape === 'range' && Array.isArray(c.value) ? `${one(c.value[0])} – ${one(c.value[1])}` : Array.isArray(c.value) ? c.value.map(one).join(', ') : one(c.value);
    return `${name} ${op} ${val}`.trim();
  };
}
