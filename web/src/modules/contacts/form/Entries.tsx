/**
 * Editors for the repeated parts of a record: emails and phones (one primary; phones show the E.164
 * form the server stored) and postal addresses. Errors arrive by path (`emails.1.address`).
 */
import { ActionIcon, Button, Grid, Group, Paper, Radio, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface EmailRow { address: string; label: string; primary: boolean }
export interface PhoneRow { number: string; label: string; primary: boolean; stored?: string }
export interface AddressRow { label: string; street: string; city: string; region: string; postalCode: string; country: string }

export const emptyAddress = (): AddressRow => ({ label: '', street: '', city: '', region: '', postalCode: '', country: 'VN' });

type ErrorAt = (path: string) => string | undefined;

/** Keeps exactly one primary when rows are added or removed. */
function withPrimary<T extends { primary: boolean }>(rows: T[]): T[] {
  if (!rows.length || rows.some((r) => r.primary)) return rows;
  return rows.map((r, i) => ({ ...r, primary: i === 0 }));
}

interface ListProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  errorAt: ErrorAt;
}

export function EmailsEditor({ rows, onChange, errorAt }: ListProps<EmailRow>) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<EmailRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" data-testid="emails-editor">
      {rows.map((r, i) => (
        <Group key={i} gap={6} align="flex-start" wrap="nowrap">
          <Tooltip label={t('contacts.form.makePrimary')}>
            <Radio mt={8} checked={r.primary} onChange={() => onChange(rows.map((x, j) => ({ ...x, primary: i === j })))} aria-label={t('contacts.fields.primary')} data-testid={`email-primary-${i}`} />
          </Tooltip>
          <TextInput
            type="email" placeholder="name@example.com" value={r.address} onChange={(e) => set(i, { address: e.currentTarget.value })}
            error={errorAt(`emails.${i}.address`) ?? errorAt(`emails.${i}`)} style={{ flex: 3, minWidth: 0 }} aria-label={t('contacts.fields.email')} data-testid={`email-${i}`}
          />
          <TextInput placeholder={t('contacts.fields.label')} value={r.label} onChange={(e) => set(i, { label: e.currentTarget.value })} style={{ flex: 1, minWidth: 70 }} aria-label={t('contacts.fields.label')} />
          <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => onChange(withPrimary(rows.filter((_, j) => j !== i)))} aria-label={t('contacts.form.remove')}><IconTrash size={16} /></ActionIcon>
        </Group>
      ))}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange(withPrimary([...rows, { address: '', label: '', primary: false }]))} style={{ alignSelf: 'flex-start' }} data-testid="email-add">
        {t('contacts.form.addEmail')}
      </Button>
    </Stack>
  );
}

export function PhonesEditor({ rows, onChange, errorAt }: ListProps<PhoneRow>) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<PhoneRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" data-testid="phones-editor">
      {rows.map((r, i) => (
        <Group key={i} gap={6} align="flex-start" wrap="nowrap">
          <Tooltip label={t('contacts.form.makePrimary')}>
            <Radio mt={8} checked={r.primary} onChange={() => onChange(rows.map((x, j) => ({ ...x, primary: i === j })))} aria-label={t('contacts.fields.primary')} data-testid={`phone-primary-${i}`} />
          </Tooltip>
          <TextInput
            type="tel" placeholder="0903 123 456" value={r.number} onChange={(e) => set(i, { number: e.currentTarget.value })}
            error={errorAt(`phones.${i}.number`) ?? errorAt(`phones.${i}`)} style={{ flex: 3, minWidth: 0 }} aria-label={t('contacts.fields.phone')} data-testid={`phone-${i}`}
            description={r.stored && r.stored !== r.number ? t('contacts.form.storedAs', { value: r.stored }) : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          <TextInput placeholder={t('contacts.fields.label')} value={r.label} onChange={(e) => set(i, { label: e.currentTarget.value })} style={{ flex: 1, minWidth: 70 }} aria-label={t('contacts.fields.label')} />
          <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => onChange(withPrimary(rows.filter((_, j) => j !== i)))} aria-label={t('contacts.form.remove')}><IconTrash size={16} /></ActionIcon>
        </Group>
      ))}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange(withPrimary([...rows, { number: '', label: '', primary: false }]))} style={{ alignSelf: 'flex-start' }} data-testid="phone-add">
        {t('contacts.form.addPhone')}
      </Button>
    </Stack>
  );
}

export function AddressesEditor({ rows, onChange, errorAt }: ListProps<AddressRow>) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<AddressRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const input = (i: number, k: keyof AddressRow, span: number) => (
    <Grid.Col span={{ base: 12, sm: span }}>
      <TextInput
        size="sm" label={t(`contacts.fields.${k}`)} value={rows[i]![k]} error={errorAt(`addresses.${i}.${k}`)}
        onChange={(e) => set(i, { [k]: k === 'country' ? e.currentTarget.value.toUpperCase().slice(0, 2) : e.currentTarget.value })}
        data-testid={`address-${i}-${k}`}
      />
    </Grid.Col>
  );
  return (
    <Stack gap="xs" data-testid="addresses-editor">
      {rows.map((_, i) => (
        <Paper key={i} withBorder p="xs" radius="md">
          <Grid gap={6}>
            {input(i, 'label', 4)}
            {input(i, 'street', 8)}
            {input(i, 'city', 5)}
            {input(i, 'region', 4)}
            {input(i, 'postalCode', 3)}
            {input(i, 'country', 4)}
            <Grid.Col span={{ base: 12, sm: 8 }} style={{ display: 'flex', alignItems: 'flex-end', justifyContent: 'flex-end' }}>
              <Button variant="subtle" color="red" size="compact-sm" leftSection={<IconTrash size={14} />} onClick={() => onChange(rows.filter((__, j) => j !== i))}>{t('contacts.form.remove')}</Button>
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, emptyAddress()])} style={{ alignSelf: 'flex-start' }} data-testid="address-add">
        {t('contacts.form.addAddress')}
      </Button>
    </Stack>
  );
}

/** Rows with content, each with its index in the form (to place the server's `emails.N` errors). */
export function nonEmpty<T>(rows: T[], has: (r: T) => boolean): { row: T; at: number }[] {
  return rows.map((row, at) => ({ row, at })).filter((x) => has(x.row));
}

export const addressHasContent = (a: AddressRow) => [a.label, a.street, a.city, a.region, a.postalCode].some((x) => x.trim());

export function addressToWire(a: AddressRow) {
  const n = (s: string) => s.trim() || null;
  return { label: n(a.label), street: n(a.street), city: n(a.city), region: n(a.region), postalCode: n(a.postalCode), country: a.country.trim().toUpperCase() || null };
}

export function addressFromWire(a: { label?: string | null; street?: string | null; city?: string | null; region?: string | null; postalCode?: string | null; country?: string | null }): AddressRow {
  return { label: a.label ?? '', street: a.street ?? '', city: a.city ?? '', region: a.region ?? '', postalCode: a.postalCode ?? '', country: a.country ?? '' };
}
