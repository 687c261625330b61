/**
 * Create / edit a company in a drawer: name, domain, industry, size, phones (E.164 shown after saving),
 * addresses, parent company, owner, team, tags, custom fields.
 * This file is the form; ./CompanyForm.tsx is its drawer, which loads it on first use.
 */
import { useRef, useState } from 'react';
import { Autocomplete, Button, Divider, Grid, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CompanyInput } from '../../../../../contracts/contacts';
import { api } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { useUnsavedGuard } from '../../../ui/forms/unsaved';
import { notifySuccess } from '../../../ui/notify';
import { isStale, useCustomFields, usePeople, useTeamOptions, type Company, type CustomField } from '../data';
import { COMPANY_SIZES } from '../list/columns';
import { CustomFieldInput, isEmptyValue, toFormValue, toWireValue } from './CustomFieldInput';
import { addressFromWire, addressHasContent, addressToWire, AddressesEditor, nonEmpty, PhonesEditor, type AddressRow, type PhoneRow } from './Entries';
import { errorLookup, Section } from './FormShell';
import { RecordSelect } from './RecordSelect';
import { useCustomTextDrafts } from './useCustomTextDrafts';

const INDUSTRIES = ['Retail', 'Manufacturing', 'Software', 'Logistics', 'Healthcare', 'Food & Beverage', 'Finance', 'Education', 'Real estate', 'Construction', 'Agriculture', 'Tourism'];

function initialValues(c: Company | null, defs: CustomField[], ownerId: string) {
  const custom: Record<string, unknown> = {};
  for (const d of defs) custom[d.key] = toFormValue(d, c ? c.custom[d.key] : d.default);
  return {
    name: c?.name ?? '',
    domain: c?.domain ?? '',
    industry: c?.industry ?? '',
    size: c?.size ?? null as string | null,
    phones: (c?.phones.length ? c.phones.map((p) => ({ number: p.raw || p.number, label: p.label ?? '', primary: p.primary, stored: p.number })) : [{ number: '', label: '', primary: true }]) as PhoneRow[],
    addresses: (c?.addresses ?? []).map(addressFromWire) as AddressRow[],
    parentId: c?.parentId ?? null as string | null,
    ownerId: c ? c.ownerId : ownerId as string | null,
    teamId: c?.teamId ?? null as string | null,
    tags: c?.tags ?? [] as string[],
    custom,
  };
}
type Values = ReturnType<typeof initialValues>;

/** The form itself, loaded when its drawer first opens (./CompanyForm). */
export function CompanyForm({ company, onSaved, onClose }: { company: Company | null; onSaved: (c: Company) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const qc = useQueryClient();
  const defs = useCustomFields('company').data ?? [];
  const people = usePeople(company?.owner ? [{ value: company.owner.id, label: company.owner.name }] : []);
  const teams = useTeamOptions();
  const [apiError, setApiError] = useState<unknown>(null);
  const sent = useRef<Record<string, number[]>>({});
  const errorAt = errorLookup(apiError, sent.current);
  const form = useForm<Values>({
    initialValues: initialValues(company, defs, me.id),
    validate: (v) => {
      const out: Record<string, string | null> = { name: v.name.trim() ? null : 'validation.required' };
      for (const d of defs) {
        if (d.required && !company?.masked.includes(d.key) && isEmptyValue(v.custom[d.key])) out[`custom.${d.key}`] = 'validation.required';
      }
      return out;
    },
  });
  const v = form.values;
  const set = form.setFieldValue;
  const guard = useUnsavedGuard(form.isDirty);
  const [baseCustom] = useState(() => form.values.custom);
  const drafts = useCustomTextDrafts('company', company?.id ?? null, defs, baseCustom, form);

  const submit = form.onSubmit(
    async (vals) => {
      setApiError(null);
      const phones = nonEmpty(vals.phones, (p) => Boolean(p.number.trim()));
      const addresses = nonEmpty(vals.addresses, addressHasContent);
      sent.current = { phones: phones.map((x) => x.at), addresses: addresses.map((x) => x.at) };
      const n = (s: string) => s.trim() || null;
      const custom: Record<string, unknown> = {};
      for (const d of defs) {
        if (company?.masked.includes(d.key)) continue;
        const w = toWireValue(d, vals.custom[d.key]);
        if (company || w !== null) custom[d.key] = w;
      }
      const body: CompanyInput = {
        name: vals.name.trim(), domain: n(vals.domain), industry: n(vals.industry), size: vals.size,
        phones: phones.map(({ row }) => ({ number: row.number.trim(), label: n(row.label), primary: row.primary })),
        addresses: addresses.map(({ row }) => addressToWire(row)),
        parentId: vals.parentId, ownerId: vals.ownerId, tags: vals.tags, custom,
        ...(vals.teamId || company?.teamId ? { teamId: vals.teamId } : {}),
      };
      const saved = company
        ? await api.patch<Company>(`/companies/${company.id}`, body, { version: company.version })
        : await api.post<Company>('/companies', body);
      drafts.clear();
      void qc.invalidateQueries({ queryKey: ['/companies'] });
      notifySuccess(t(company ? 'contacts.updated' : 'contacts.created', { name: saved.name }));
      onSaved(saved);
    },
    (e) => {
      setApiError(e);
      form.applyApiError(e, errorMessage(e, t));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: ['/companies', company?.id] });
    },
  );

  return (
    <form ref={form.ref} onSubmit={submit} noValidate>
      <Stack gap="lg">
        {drafts.notice}
        <FormAlert message={form.formError} />
        <Section title={t('contacts.sections.company')}>
          <Grid gap="sm">
            <Grid.Col span={12}><TextInput label={t('contacts.fields.companyLabel')} required {...form.getInputProps('name')} data-testid="company-name" autoComplete="off" /></Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}><TextInput label={t('contacts.fields.domain')} placeholder="example.com" {...form.getInputProps('domain')} error={errorAt('domain')} data-testid="company-domain" /></Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}><Autocomplete label={t('contacts.fields.industry')} data={INDUSTRIES} value={v.industry} onChange={(s) => set('industry', s)} error={errorAt('industry')} data-testid="company-industry" /></Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}><Select label={t('contacts.fields.size')} data={COMPANY_SIZES} value={v.size} onChange={(s) => set('size', s)} clearable error={errorAt('size')} data-testid="company-size" /></Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <RecordSelect entity="company" label={t('contacts.fields.parent')} value={v.parentId} exclude={company?.id} valueLabel={company?.parentId === v.parentId ? company?.parent?.name : undefined} onChange={(id) => set('parentId', id)} error={errorAt('parentId')} data-testid="company-parent" />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title={t('contacts.fields.phones')}>
          <Text size="xs" c="dimmed" mt={-6}>{t('contacts.form.storedAsHint')}</Text>
          <PhonesEditor rows={v.phones} onChange={(r) => set('phones', r)} errorAt={errorAt} />
        </Section>
        <Section title={t('contacts.sections.ownership')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('contacts.fields.owner')} data={people} value={v.ownerId} onChange={(s) => set('ownerId', s)} searchable clearable error={errorAt('ownerId')} data-testid="company-owner" />
            </Grid.Col>
            {teams && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select label={t('contacts.fields.team')} data={teams} value={v.teamId} onChange={(s) => set('teamId', s)} searchable clearable placeholder={t('contacts.form.noTeam')} error={errorAt('teamId')} data-testid="company-team" />
              </Grid.Col>
            )}
            <Grid.Col span={12}>
              <TagsInput label={t('contacts.fields.tags')} description={t('contacts.form.tagsHint')} value={v.tags} onChange={(s) => set('tags', s)} clearable error={errorAt('tags')} data-testid="company-tags" />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title={t('contacts.sections.addresses')}>
          <AddressesEditor rows={v.addresses} onChange={(r) => set('addresses', r)} errorAt={errorAt} />
        </Section>
        {defs.length > 0 && (
          <Section title={t('contacts.sections.custom')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {defs.map((d) => (
                <CustomFieldInput
                  key={d.key} def={d} value={v.custom[d.key]} masked={company?.masked.includes(d.key)} stored={company?.custom[d.key]}
                  onChange={(x) => set('custom', { ...form.values.custom, [d.key]: x })}
                  error={form.errors[`custom.${d.key}`] ?? errorAt(`custom.${d.key}`)}
                />
              ))}
            </SimpleGrid>
          </Section>
        )}
        <Divider />
        <Group justify="flex-end" pb="md">
          <Button variant="default" onClick={() => guard.close(onClose)} data-testid="form-close">{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="form-submit">{company ? t('common.save') : t('contacts.form.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
