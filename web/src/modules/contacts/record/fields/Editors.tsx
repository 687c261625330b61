/**
 * Typed in-place fields (text, select, tags, date) and the list editors for emails, phones and
 * addresses (the whole list is sent on save; a server error on `emails.2.address` shows on that row).
 */
import { useState, type ReactNode } from 'react';
import { ActionIcon, Anchor, Badge, Button, Group, Radio, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Address } from '../../../../../../contracts/contacts';
import { api, ApiError, type Page } from '../../../../app/api';
import { FormAlert } from '../../../../ui/FormAlert';
import { InlineField, ReadField, useSaveError, type Save } from './InlineEdit';

type Base = { label: string; save: Save; testId?: string; disabled?: boolean };

export function TextField({ label, value, field, save, testId, disabled, render, type = 'text' }: Base & {
  value: string | null | undefined;
  field: string;
  render?: (v: string) => ReactNode;
  type?: 'text' | 'date' | 'email' | 'url';
}) {
  return (
    <InlineField<string>
      label={label} save={save} testId={testId} disabled={disabled}
      display={value ? (render ? render(value) : value) : ''}
      initial={value ?? ''}
      toPatch={(v) => ({ [field]: v.trim() || null })}
      editor={(v, set, error, commit) => (
        <TextInput size="xs" type={type} autoFocus value={v} error={error} onChange={(e) => set(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} data-testid={testId ? `${testId}-input` : undefined} aria-label={label} />
      )}
    />
  );
}

export function SelectField({ label, value, display, data, field, save, testId, disabled, clearable = true, searchable = false }: Base & {
  value: string | null;
  display: ReactNode;
  data: { value: string; label: string }[];
  field: string;
  clearable?: boolean;
  searchable?: boolean;
}) {
  return (
    <InlineField<string | null>
      label={label} save={save} testId={testId} disabled={disabled} display={display} initial={value}
      toPatch={(v) => ({ [field]: v })}
      editor={(v, set, error) => (
        <Select size="xs" autoFocus data={data} value={v} onChange={set} error={error} clearable={clearable} searchable={searchable}
          comboboxProps={{ withinPortal: true }} data-testid={testId ? `${testId}-input` : undefined} aria-label={label} />
      )}
    />
  );
}

export function TagsField({ label, value, field, save, testId, disabled }: Base & { value: string[]; field: string }) {
  return (
    <InlineField<string[]>
      label={label} save={save} testId={testId} disabled={disabled} initial={value}
      display={value.length ? <Group gap={4}>{value.map((tag) => <Badge key={tag} size="sm" variant="light" tt="none">{tag}</Badge>)}</Group> : ''}
      toPatch={(v) => ({ [field]: v })}
      editor={(v, set, error) => <TagsInput size="xs" autoFocus value={v} onChange={set} error={error} data-testid={testId ? `${testId}-input` : undefined} aria-label={label} />}
    />
  );
}

/** A company picker that searches as you type (GET /companies?q=). */
export function CompanyField({ label, company, field, save, testId, disabled, excludeId }: Base & {
  company: { id: string; name: string } | null;
  field: string;
  excludeId?: string;
}) {
  const { t } = useTranslation();
  return (
    <InlineField<string | null>
      label={label} save={save} testId={testId} disabled={disabled} initial={company?.id ?? null}
      display={company ? <Anchor component={Link} to={`/companies/${company.id}`} size="sm" data-testid={testId ? `${testId}-link` : undefined}>{company.name}</Anchor> : ''}
      toPatch={(v) => ({ [field]: v })}
      editor={(v, set, error) => <CompanySearch value={v} current={company} onChange={set} error={error} excludeId={excludeId} placeholder={t('record.noCompany')} testId={testId} />}
    />
  );
}

function CompanySearch({ value, current, onChange, error, excludeId, placeholder, testId }: {
  value: string | null; current: { id: string; name: string } | null; onChange: (v: string | null) => void; error: string | null;
  excludeId?: string; placeholder: string; testId?: string;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const res = useQuery({
    queryKey: ['/companies', 'record-picker', q],
    queryFn: ({ signal }) => api.get<Page<{ id: string; name: string }>>('/companies', { limit: 20, q: q || undefined, total: 'false' }, { signal }),
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  if (current) options.set(current.id, current.name);
  for (const c of res.data?.data ?? []) if (c.id !== excludeId) options.set(c.id, c.name);
  return (
    <Select size="xs" autoFocus searchable clearable value={value} onChange={onChange} error={error} placeholder={placeholder}
      searchValue={search} onSearchChange={setSearch} filter={({ options: o }) => o}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))} comboboxProps={{ withinPortal: true }}
      data-testid={testId ? `${testId}-input` : undefined} />
  );
}

/** Errors of list rows by index, from paths like `emails.2.address`. */
function rowErrors(e: unknown, key: string): Record<number, string> {
  const out: Record<number, string> = {};
  if (e instanceof ApiError) {
    for (const f of e.fields) {
      const m = new RegExp(`^${key}\\.(\\d+)`).exec(f.path);
      if (m) out[Number(m[1])] = f.message;
    }
  }
  return out;
}

interface Row { value: string; label: string; primary: boolean }

/**
 * Emails or phones: read view with mailto:/tel: links, edit view with one row per entry (value, label,
 * primary). `field` is `emails` (value key `address`) or `phones` (value key `number`).
 */
export function ContactPointsField({ label, field, items, save, href, display, testId, disabled }: Base & {
  field: 'emails' | 'phones';
  items: { value: string; label: string | null; primary: boolean }[];
  href: (v: string) => string;
  /** How a value reads (phones: formatted for the viewer's region); the value itself by default. */
  display?: (v: string) => string;
}) {
  const { t } = useTranslation();
  const toMessage = useSaveError();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valueKey = field === 'emails' ? 'address' : 'number';

  const commit = async () => {
    if (!rows) return;
    const kept = rows.filter((r) => r.value.trim());
    if (kept.length && !kept.some((r) => r.primary)) kept[0]!.primary = true;
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await save({ [field]: kept.map((r) => ({ [valueKey]: r.value.trim(), label: r.label.trim() || null, primary: r.primary })) });
      setRows(null);
    } catch (e) {
      const byRow = rowErrors(e, field);
      setErrors(byRow);
      setFormError(Object.keys(byRow).length ? null : toMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!rows) {
    return (
      <Group gap={4} wrap="nowrap" align="flex-start" data-testid={testId}>
        <ReadField label={label}>
          {items.length ? (
            <Stack gap={2}>
              {items.map((it) => (
                <Group key={it.value} gap={6} wrap="nowrap">
                  <Anchor href={href(it.value)} size="sm" style={{ overflowWrap: 'anywhere' }}>{display ? display(it.value) : it.value}</Anchor>
                  {it.label && <Text size="xs" c="dimmed">{it.label}</Text>}
                  {it.primary && items.length > 1 && <Badge size="xs" variant="light">{t('record.primary')}</Badge>}
                </Group>
              ))}
            </Stack>
          ) : ''}
        </ReadField>
        <div style={{ flex: 1 }} />
        {!disabled && (
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`${t('record.edit')}: ${label}`} data-testid={testId ? `${testId}-edit` : undefined}
            onClick={() => setRows(items.length ? items.map((i) => ({ value: i.value, label: i.label ?? '', primary: i.primary })) : [{ value: '', label: '', primary: true }])}>
            <IconPencil size={14} />
          </ActionIcon>
        )}
      </Group>
    );
  }
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : patch.primary ? { ...r, primary: false } : r)));
  return (
    <Stack gap={6} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={500}>{label}</Text>
      {rows.map((r, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-start">
          <Radio mt={6} checked={r.primary} onChange={() => update(i, { primary: true })} aria-label={t('record.primary')} />
          <TextInput size="xs" style={{ flex: 2, minWidth: 0 }} value={r.value} autoFocus={i === rows.length - 1} error={errors[i]}
            type={field === 'emails' ? 'email' : 'tel'} onChange={(e) => update(i, { value: e.currentTarget.value })} aria-label={label} data-testid={testId ? `${testId}-value-${i}` : undefined} />
          <TextInput size="xs" style={{ flex: 1, minWidth: 0 }} value={r.label} placeholder={t('record.label')} onChange={(e) => update(i, { label: e.currentTarget.value })} aria-label={t('record.label')} />
          <ActionIcon variant="subtle" color="gray" mt={2} onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={t('record.remove')}><IconTrash size={14} /></ActionIcon>
        </Group>
      ))}
      <FormAlert message={formError} />
      <Group gap="xs" justify="space-between">
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setRows([...rows, { value: '', label: '', primary: rows.length === 0 }])}>{t('record.add')}</Button>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={() => setRows(null)}>{t('record.cancel')}</Button>
          <Button size="compact-sm" onClick={() => void commit()} loading={busy} data-testid={testId ? `${testId}-save` : undefined}>{t('record.save')}</Button>
        </Group>
      </Group>
    </Stack>
  );
}

const ADDRESS_KEYS = ['label', 'street', 'city', 'region', 'postalCode', 'country'] as const;

/** One line of an address for reading: "12 Lê Lợi, Quận 1, Hồ Chí Minh, VN". */
export const addressLine = (a: Address) => [a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');

export function AddressesField({ items, save, testId, disabled }: { items: Address[]; save: Save; testId?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const toMessage = useSaveError();
  const [rows, setRows] = useState<Address[] | null>(null);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clean = (a: Address): Address => Object.fromEntries(ADDRESS_KEYS.map((k) => [k, k === 'country' ? (a[k]?.trim().toUpperCase() || null) : (a[k]?.trim() || null)])) as Address;
  const commit = async () => {
    if (!rows) return;
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await save({ addresses: rows.map(clean).filter((a) => ADDRESS_KEYS.some((k) => k !== 'label' && a[k])) });
      setRows(null);
    } catch (e) {
      const byRow = rowErrors(e, 'addresses');
      setErrors(byRow);
      setFormError(Object.keys(byRow).length ? null : toMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (!rows) {
    return (
      <Group gap={4} wrap="nowrap" align="flex-start" data-testid={testId}>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          {items.length === 0 ? <Text size="sm" c="dimmed">{t('record.noAddresses')}</Text> : items.map((a, i) => (
            <div key={i}>
              {a.label && <Text size="xs" c="dimmed" fw={500}>{a.label}</Text>}
              <Text size="sm">{addressLine(a)}</Text>
            </div>
          ))}
        </Stack>
        {!disabled && (
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`${t('record.edit')}: ${t('record.sections.address')}`} data-testid={testId ? `${testId}-edit` : undefined}
            onClick={() => setRows(items.length ? items.map((a) => ({ ...a })) : [{}])}>
            <IconPencil size={14} />
          </ActionIcon>
        )}
      </Group>
    );
  }
  return (
    <Stack gap="xs" data-testid={testId}>
      {rows.map((a, i) => (
        <Stack key={i} gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}>
          <Group gap={4} wrap="nowrap">
            <TextInput size="xs" style={{ flex: 1 }} placeholder={t('record.label')} value={a.label ?? ''} aria-label={t('record.label')}
              onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, label: e.currentTarget.value } : r)))} />
            <ActionIcon variant="subtle" color="gray" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={t('record.remove')}><IconTrash size={14} /></ActionIcon>
          </Group>
          {(['street', 'city', 'region', 'postalCode', 'country'] as const).map((k) => (
            <TextInput key={k} size="xs" label={t(`record.fields.${k}`)} value={a[k] ?? ''} maxLength={k === 'country' ? 2 : undefined}
              onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: e.currentTarget.value } : r)))} data-testid={testId ? `${testId}-${k}-${i}` : undefined} />
          ))}
          {errors[i] && <Text size="xs" c="red">{errors[i]}</Text>}
        </Stack>
      ))}
      <FormAlert message={formError} />
      <Group gap="xs" justify="space-between">
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setRows([...rows, {}])}>{t('record.add')}</Button>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={() => setRows(null)}>{t('record.cancel')}</Button>
          <Button size="compact-sm" onClick={() => void commit()} loading={busy} data-testid={testId ? `${testId}-save` : undefined}>{t('record.save')}</Button>
        </Group>
      </Group>
    </Stack>
  );
}
