/**
 * Create / edit a contact in a drawer: names, emails and phones (one primary each; phones show the
 * E.164 form the server stored), addresses, social profiles, work, owner/team/tags/stage/source,
 * consent per channel, custom fields by type; a duplicate warning while typing. Saving keeps the drawer
 * open and reloads it from the server's answer, so the user sees what was stored.
 * This file is the form; ./ContactForm.tsx is its drawer, which loads it on first use.
 */
import { useRef, useState } from 'react';
import { Button, Divider, Grid, Group, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Autocomplete } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContactInput } from '../../../../../contracts/contacts';
import { nameOrderOf, viPronouns, type NameOrder, type ViPronoun } from '../../../../../contracts/person-names';
import { api } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { useUnsavedGuard } from '../../../ui/forms/unsaved';
import { formatDate } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { isStale, useCustomFields, usePeople, useStages, useTeamOptions, type Contact, type CustomField } from '../data';
import { contactName, localized, personName } from '../logic';
import { BirthdayInput, birthdayFromWire, birthdayToWire } from './BirthdayInput';
import { CustomFieldInput, isEmptyValue, toFormValue, toWireValue } from './CustomFieldInput';
import { DuplicateWarning } from './DuplicateWarning';
import {
  addressFromWire, addressHasContent, addressToWire, AddressesEditor, EmailsEditor, nonEmpty, PhonesEditor, type AddressRow, type EmailRow, type PhoneRow,
} from './Entries';
import { errorLookup, Section } from './FormShell';
import { RecordSelect } from './RecordSelect';
import { useCustomTextDrafts } from './useCustomTextDrafts';

const CHANNELS = ['email', 'sms', 'call'] as const;
const SOCIAL = ['linkedin', 'facebook', 'zalo', 'x', 'website'] as const;
const SOURCES = ['web_form', 'referral', 'event', 'import', 'phone', 'email', 'partner', 'advertising'];
type Status = 'granted' | 'denied' | 'unknown';

function initialValues(c: Contact | null, defs: CustomField[], ownerId: string, language: string) {
  const custom: Record<string, unknown> = {};
  for (const d of defs) custom[d.key] = toFormValue(d, c ? c.custom[d.key] : d.default);
  return {
    givenName: c?.givenName ?? '',
    familyName: c?.familyName ?? '',
    /** '' = detected from the name as it is typed. */
    nameOrder: (c?.nameOrder ?? '') as NameOrder | '',
    pronoun: (c?.pronoun ?? '') as ViPronoun | '',
    emails: (c?.emails.length ? c.emails.map((e) => ({ address: e.address, label: e.label ?? '', primary: e.primary })) : [{ address: '', label: '', primary: true }]) as EmailRow[],
    phones: (c?.phones.length ? c.phones.map((p) => ({ number: p.raw || p.number, label: p.label ?? '', primary: p.primary, stored: p.number })) : [{ number: '', label: '', primary: true }]) as PhoneRow[],
    addresses: (c?.addresses ?? []).map(addressFromWire) as AddressRow[],
    social: Object.fromEntries(SOCIAL.map((k) => [k, c?.social[k] ?? ''])) as Record<(typeof SOCIAL)[number], string>,
    jobTitle: c?.jobTitle ?? '',
    department: c?.department ?? '',
    ...birthdayFromWire(c?.birthday, language),
    companyId: c?.companyId ?? null as string | null,
    ownerId: c ? c.ownerId : ownerId as string | null,
    teamId: c?.teamId ?? null as string | null,
    tags: c?.tags ?? [] as string[],
    lifecycleStage: c?.lifecycleStage ?? 'lead',
    source: c?.source ?? '',
    consent: Object.fromEntries(CHANNELS.map((ch) => [ch, c?.consent[ch].status ?? 'unknown'])) as Record<(typeof CHANNELS)[number], Status>,
    custom,
  };
}
type Values = ReturnType<typeof initialValues>;

/** The form itself, loaded when its drawer first opens (./ContactForm). */
export function ContactForm({ contact, onSaved, onClose }: { contact: Contact | null; onSaved: (c: Contact) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useUser();
  const qc = useQueryClient();
  const defs = useCustomFields('contact').data ?? [];
  const stages = useStages().data ?? [];
  const people = usePeople(contact?.owner ? [{ value: contact.owner.id, label: contact.owner.name }] : []);
  const teams = useTeamOptions();
  const [apiError, setApiError] = useState<unknown>(null);
  const sent = useRef<Record<string, number[]>>({});
  const errorAt = errorLookup(apiError, sent.current);
  const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  const form = useForm<Values>({
    initialValues: initialValues(contact, defs, me.id, i18n.language),
    validate: (v) => {
      const out: Record<string, string | null> = {
        givenName: v.givenName.trim() || v.familyName.trim() ? null : 'contacts.form.nameRequired',
        emails: v.emails.some((e) => e.address.trim() && !emailRe.test(e.address.trim())) ? 'validation.email' : null,
        birthdayDayMonth: birthdayToWire(v, i18n.language) === undefined ? 'forms.invalidDate' : null,
      };
      for (const d of defs) {
        if (d.required && !contact?.masked.includes(d.key) && isEmptyValue(v.custom[d.key])) out[`custom.${d.key}`] = 'validation.required';
      }
      return out;
    },
  });
  const v = form.values;
  const set = form.setFieldValue;
  const guard = useUnsavedGuard(form.isDirty);
  const [baseCustom] = useState(() => form.values.custom);
  const drafts = useCustomTextDrafts('contact', contact?.id ?? null, defs, baseCustom, form);

  const submit = form.onSubmit(
    async (vals) => {
      setApiError(null);
      const emails = nonEmpty(vals.emails, (e) => Boolean(e.address.trim()));
      const phones = nonEmpty(vals.phones, (p) => Boolean(p.number.trim()));
      const addresses = nonEmpty(vals.addresses, addressHasContent);
      sent.current = { emails: emails.map((x) => x.at), phones: phones.map((x) => x.at), addresses: addresses.map((x) => x.at) };
      const n = (s: string) => s.trim() || null;
      const custom: Record<string, unknown> = {};
      for (const d of defs) {
        if (contact?.masked.includes(d.key)) continue;
        const w = toWireValue(d, vals.custom[d.key]);
        if (contact || w !== null) custom[d.key] = w;
      }
      const consent: NonNullable<ContactInput['consent']> = {};
      for (const ch of CHANNELS) {
        if ((contact?.consent[ch].status ?? 'unknown') !== vals.consent[ch]) consent[ch] = { status: vals.consent[ch], source: 'manual' };
      }
      const body: ContactInput = {
        givenName: n(vals.givenName), familyName: n(vals.familyName), nameOrder: vals.nameOrder || null, pronoun: vals.pronoun || null,
        emails: emails.map(({ row }) => ({ address: row.address.trim(), label: n(row.label), primary: row.primary })),
        phones: phones.map(({ row }) => ({ number: row.number.trim(), label: n(row.label), primary: row.primary })),
        addresses: addresses.map(({ row }) => addressToWire(row)),
        social: Object.fromEntries(SOCIAL.map((k) => [k, n(vals.social[k])])),
        jobTitle: n(vals.jobTitle), department: n(vals.department), birthday: birthdayToWire(vals, i18n.language) ?? null,
        companyId: vals.companyId, ownerId: vals.ownerId, lifecycleStage: vals.lifecycleStage, source: n(vals.source),
        tags: vals.tags, custom,
        ...(vals.teamId || contact?.teamId ? { teamId: vals.teamId } : {}),
        ...(Object.keys(consent).length ? { consent } : {}),
      };
      const saved = contact
        ? await api.patch<Contact>(`/contacts/${contact.id}`, body, { version: contact.version })
        : await api.post<Contact>('/contacts', body);
      drafts.clear();
      void qc.invalidateQueries({ queryKey: ['/contacts'] });
      const name = contactName(saved);
      notifySuccess(t(contact ? 'contacts.updated' : 'contacts.created', { name }));
      onSaved(saved);
    },
    (e) => {
      setApiError(e);
      form.applyApiError(e, errorMessage(e, t));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: ['/contacts', contact?.id] });
    },
  );

  const primaryEmail = v.emails.find((e) => e.primary)?.address ?? v.emails[0]?.address ?? '';
  const primaryPhone = v.phones.find((p) => p.primary)?.number ?? v.phones[0]?.number ?? '';
  const stageData = stages.map((s) => ({ value: s.value, label: localized(s.label, i18n.language) }));
  if (!stageData.some((s) => s.value === v.lifecycleStage)) stageData.push({ value: v.lifecycleStage, label: v.lifecycleStage });
  const named = Boolean(v.givenName.trim() && v.familyName.trim());
  const layoutOrder: NameOrder = v.nameOrder || (named ? nameOrderOf({ givenName: v.givenName, familyName: v.familyName, country: v.addresses.find((a) => a.country)?.country })
    : i18n.language.startsWith('vi') ? 'family_first' : 'given_first');
  const shownAs = personName(v.givenName, v.familyName, v.nameOrder || null, v.addresses.find((a) => a.country)?.country);
  const nameInputs = [
    <TextInput key="g" label={t('contacts.fields.givenName')} {...form.getInputProps('givenName')} error={form.errors.givenName ?? errorAt('givenName')} data-testid="contact-given-name" autoComplete="off" />,
    <TextInput key="f" label={t('contacts.fields.familyName')} {...form.getInputProps('familyName')} error={errorAt('familyName')} data-testid="contact-family-name" autoComplete="off" />,
  ];

  return (
    <form ref={form.ref} onSubmit={submit} noValidate>
      <Stack gap="lg">
        {drafts.notice}
        <FormAlert message={form.formError} />
        <DuplicateWarning probe={{ email: primaryEmail, phone: primaryPhone, name: personName(v.givenName, v.familyName, 'given_first'), companyId: v.companyId, excludeId: contact?.id }} />
        <Section title={t('contacts.sections.name')}>
          {/* The inputs follow the name's own order, detected as it is typed (before anything is typed: the
              UI language's habit); the control overrides it. CSS order keeps the DOM (and focus) still while the
              layout flips, so typing is never interrupted. */}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="contact-name-fields" data-order={layoutOrder}>
            {nameInputs.map((input, i) => <div key={i} style={{ order: layoutOrder === 'family_first' ? 1 - i : i }}>{input}</div>)}
          </SimpleGrid>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <div>
              <Text size="sm" fw={500} id="contact-name-order-label">{t('contacts.fields.nameOrder')}</Text>
              <SegmentedControl size="xs" value={v.nameOrder || 'auto'} onChange={(o) => set('nameOrder', o === 'auto' ? '' : (o as NameOrder))} aria-labelledby="contact-name-order-label"
                data={[{ value: 'auto', label: t('contacts.nameOrder.auto') }, { value: 'family_first', label: t('contacts.nameOrder.family_first') }, { value: 'given_first', label: t('contacts.nameOrder.given_first') }]}
                data-testid="contact-name-order" />
            </div>
            <Select w={140} label={t('contacts.fields.pronoun')} data={viPronouns.map((p) => ({ value: p, label: t(`contacts.pronouns.${p}`) }))} value={v.pronoun || null}
              onChange={(p) => set('pronoun', (p ?? '') as ViPronoun | '')} clearable placeholder={t('contacts.pronouns.none')} data-testid="contact-pronoun" />
          </Group>
          {shownAs && <Text size="xs" c="dimmed" data-testid="contact-name-preview">{t('contacts.form.shownAs', { name: shownAs })}</Text>}
        </Section>
        <Section title={t('contacts.sections.contact')}>
          <Text size="sm" fw={500}>{t('contacts.fields.emails')}</Text>
          <EmailsEditor rows={v.emails} onChange={(r) => set('emails', r)} errorAt={(p) => errorAt(p) ?? (p.endsWith('.address') ? form.errors.emails : undefined)} />
          <Text size="sm" fw={500} mt="xs">{t('contacts.fields.phones')}</Text>
          <Text size="xs" c="dimmed" mt={-6}>{t('contacts.form.storedAsHint')}</Text>
          <PhonesEditor rows={v.phones} onChange={(r) => set('phones', r)} errorAt={errorAt} />
        </Section>
        <Section title={t('contacts.sections.work')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <RecordSelect entity="company" label={t('contacts.fields.company')} value={v.companyId} valueLabel={contact?.companyId === v.companyId ? contact?.company?.name : undefined} onChange={(id) => set('companyId', id)} error={errorAt('companyId')} data-testid="contact-company" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}><TextInput label={t('contacts.fields.jobTitle')} {...form.getInputProps('jobTitle')} error={errorAt('jobTitle')} data-testid="contact-job-title" /></Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}><TextInput label={t('contacts.fields.department')} {...form.getInputProps('department')} error={errorAt('department')} data-testid="contact-department" /></Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <BirthdayInput value={v} onChange={(patch) => form.setValues((x) => ({ ...x, ...patch }))} error={form.errors.birthdayDayMonth ?? errorAt('birthday')} />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title={t('contacts.sections.ownership')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('contacts.fields.lifecycleStage')} data={stageData} value={v.lifecycleStage} onChange={(s) => s && set('lifecycleStage', s)} allowDeselect={false} error={errorAt('lifecycleStage')} data-testid="contact-stage" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Autocomplete label={t('contacts.fields.source')} data={SOURCES} value={v.source} onChange={(s) => set('source', s)} placeholder={t('contacts.form.sourceHint')} error={errorAt('source')} data-testid="contact-source" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select label={t('contacts.fields.owner')} data={people} value={v.ownerId} onChange={(s) => set('ownerId', s)} searchable clearable placeholder={t('contacts.form.selectUser')} error={errorAt('ownerId')} data-testid="contact-owner" />
            </Grid.Col>
            {teams && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select label={t('contacts.fields.team')} data={teams} value={v.teamId} onChange={(s) => set('teamId', s)} searchable clearable placeholder={t('contacts.form.noTeam')} error={errorAt('teamId')} data-testid="contact-team" />
              </Grid.Col>
            )}
            <Grid.Col span={12}>
              <TagsInput label={t('contacts.fields.tags')} description={t('contacts.form.tagsHint')} value={v.tags} onChange={(s) => set('tags', s)} clearable error={errorAt('tags')} data-testid="contact-tags" />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title={t('contacts.sections.consent')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {CHANNELS.map((ch) => (
              <Select
                key={ch} label={t(`contacts.consent.${ch}`)} value={v.consent[ch]} allowDeselect={false}
                data={(['granted', 'denied', 'unknown'] as const).map((s) => ({ value: s, label: t(`contacts.consent.${s}`) }))}
                onChange={(s) => s && set('consent', { ...v.consent, [ch]: s as Status })}
                description={contact?.consent[ch].at ? t('contacts.consent.since', { date: formatDate(contact.consent[ch].at) }) : undefined}
                inputWrapperOrder={['label', 'input', 'description', 'error']} data-testid={`contact-consent-${ch}`}
              />
            ))}
          </SimpleGrid>
        </Section>
        <Section title={t('contacts.sections.addresses')}>
          <AddressesEditor rows={v.addresses} onChange={(r) => set('addresses', r)} errorAt={errorAt} />
        </Section>
        <Section title={t('contacts.sections.social')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {SOCIAL.map((k) => (
              <TextInput key={k} label={t(`contacts.fields.${k}`)} value={v.social[k]} onChange={(e) => set('social', { ...v.social, [k]: e.currentTarget.value })} error={errorAt(`social.${k}`)} data-testid={`contact-social-${k}`} />
            ))}
          </SimpleGrid>
        </Section>
        {defs.length > 0 && (
          <Section title={t('contacts.sections.custom')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {defs.map((d) => (
                <CustomFieldInput
                  key={d.key} def={d} value={v.custom[d.key]} masked={contact?.masked.includes(d.key)} stored={contact?.custom[d.key]}
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
          <Button type="submit" loading={form.submitting} data-testid="form-submit">{contact ? t('common.save') : t('contacts.form.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
