/**
 * The contact 360° page (/contacts/:id): header with key fields and quick actions, field groups edited
 * in place (If-Match; 412 → reload banner), the related company, and the timeline with its composer.
 */
import { useRef, useState } from 'react';
import { Anchor, Avatar, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconPhone, IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/auth';
import { can } from '../../../app/session';
import { formatDateTime } from '../../../ui/format';
import { formatPhone } from '../../../ui/phone';
import { usePhoneRegion } from '../data';
import { RelatedRecords } from '../../../ui/records/RelatedRecords';
import { RecordCards, useCoveredObjects } from './RecordCards';
import { Composer, type ComposerTab } from '../../../ui/activities/Composer';
import { ConsentSection } from './Consent';
import { useCustomFieldDefs, usePeople, useRecord, useRefreshTimeline, useStages, type Contact } from './data';
import { BirthdayField } from './fields/BirthdayField';
import { CustomFields } from './fields/CustomFields';
import { AddressesField, CompanyField, ContactPointsField, SelectField, TagsField, TextField } from './fields/Editors';
import { ReadField, Section } from './fields/InlineEdit';
import { contactName, initials, mailHref, telHref } from './logic';
import { RecordActions } from './RecordActions';
import { BackLink, RecordState, StaleBanner, TwoColumns } from './RecordLayout';
import { Timeline } from './Timeline';
import { useRecordSave } from './useRecordSave';

const SOCIAL = ['linkedin', 'facebook', 'zalo', 'x', 'website'] as const;
const asUrl = (v: string) => (/^https?:\/\//i.test(v) ? v : `https://${v}`);

export function ContactPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const user = useUser();
  const query = useRecord<Contact>('contact', id);
  const covered = useCoveredObjects('contact');
  const c = query.data;
  const { save, stale, clearStale } = useRecordSave('contact', c);
  const stages = useStages().data?.stages ?? [];
  const defs = useCustomFieldDefs('contact').data?.data ?? [];
  const people = usePeople(c?.owner ? [{ id: c.owner.id, name: c.owner.name }] : []);
  const refreshTimeline = useRefreshTimeline('contact', id);
  const [tab, setTab] = useState<ComposerTab>('note');
  const composerRef = useRef<HTMLDivElement>(null);
  const lang = i18n.language.startsWith('vi') ? 'vi' : 'en';
  const region = usePhoneRegion();

  const state = <RecordState query={query} backTo="/contacts" backLabel={t('record.backToContacts')} />;
  if (!c) return state;

  const name = contactName(c);
  const email = c.emails.find((e) => e.primary)?.address ?? c.emails[0]?.address ?? null;
  const phone = c.phones.find((p) => p.primary)?.number ?? c.phones[0]?.number ?? null;
  const stageLabel = (v: string) => stages.find((s) => s.value === v)?.label[lang] ?? v;
  const readOnly = !can(user, 'contacts', 'update');
  const mayLog = can(user, 'activities', 'create');
  const reload = () => { clearStale(); void query.refetch(); };
  const logActivity = () => {
    setTab('call');
    composerRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const header = (
    <Stack gap="sm" mb="lg" data-testid="record-header">
      <BackLink to="/contacts" label={t('record.backToContacts')} />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Avatar size={56} radius="xl" color="blue">{initials(name)}</Avatar>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} data-testid="page-title" style={{ overflowWrap: 'anywhere' }}>{name}</Title>
            {(c.jobTitle || c.company) && (
              <Text size="sm" c="dimmed">
                {c.jobTitle}
                {c.jobTitle && c.company && ' · '}
                {c.company && <Anchor component={Link} to={`/companies/${c.company.id}`} size="sm" data-testid="header-company">{c.company.name}</Anchor>}
              </Text>
            )}
            <Group gap={6} mt={4}>
              <Badge variant="light" data-testid="header-stage">{stageLabel(c.lifecycleStage)}</Badge>
              {c.tags.map((tag) => <Badge key={tag} variant="outline" color="gray" tt="none">{tag}</Badge>)}
            </Group>
          </Stack>
        </Group>
        <Group gap="xs">
          <Button component="a" href={phone ? telHref(phone) : undefined} disabled={!phone} aria-disabled={!phone || undefined} variant="light" leftSection={<IconPhone size={16} />} data-testid="quick-call">{t('record.call')}</Button>
          <Button component="a" href={email ? mailHref(email) : undefined} disabled={!email} aria-disabled={!email || undefined} variant="light" leftSection={<IconMail size={16} />} data-testid="quick-email">{t('record.email')}</Button>
          {mayLog && <Button leftSection={<IconPlus size={16} />} onClick={logActivity} data-testid="quick-log">{t('record.logActivity')}</Button>}
          <RecordActions entity="contact" id={c.id} name={name} version={c.version} deleted={Boolean(c.deletedAt)} />
        </Group>
      </Group>
      <Group gap="xl" data-testid="header-key-fields">
        <ReadField label={t('record.fields.emails')}>{email && <Anchor href={mailHref(email)} size="sm">{email}</Anchor>}</ReadField>
        <ReadField label={t('record.fields.phones')}>{phone && <Anchor href={telHref(phone)} size="sm" data-testid="header-phone">{formatPhone(phone, region)}</Anchor>}</ReadField>
        <ReadField label={t('record.fields.owner')}>{c.owner?.name ?? ''}</ReadField>
      </Group>
    </Stack>
  );

  const side = (
    <>
      <Section title={t('record.sections.contactInfo')} testId="section-contact-info">
        <TextField label={t('record.fields.familyName')} value={c.familyName} field="familyName" save={save} disabled={readOnly} testId="field-familyName" />
        <TextField label={t('record.fields.givenName')} value={c.givenName} field="givenName" save={save} disabled={readOnly} testId="field-givenName" />
        <ContactPointsField label={t('record.fields.emails')} field="emails" save={save} disabled={readOnly} testId="field-emails" href={mailHref}
          items={c.emails.map((e) => ({ value: e.address, label: e.label, primary: e.primary }))} />
        <ContactPointsField label={t('record.fields.phones')} field="phones" save={save} disabled={readOnly} testId="field-phones" href={telHref} display={(n) => formatPhone(n, region)}
          items={c.phones.map((p) => ({ value: p.number, label: p.label, primary: p.primary }))} />
        <TextField label={t('record.fields.jobTitle')} value={c.jobTitle} field="jobTitle" save={save} disabled={readOnly} testId="field-jobTitle" />
        <TextField label={t('record.fields.department')} value={c.department} field="department" save={save} disabled={readOnly} testId="field-department" />
        <BirthdayField label={t('record.fields.birthday')} value={c.birthday} save={save} disabled={readOnly} testId="field-birthday" />
      </Section>
      <Section title={t('record.sections.details')} testId="section-details">
        <CompanyField label={t('record.fields.company')} company={c.company} field="companyId" save={save} disabled={readOnly} testId="field-company" />
        <SelectField label={t('record.fields.owner')} value={c.ownerId} display={c.owner?.name ?? ''} field="ownerId" save={save} disabled={readOnly} searchable
          data={people.map((p) => ({ value: p.id, label: p.name }))} testId="field-owner" />
        <SelectField label={t('record.fields.stage')} value={c.lifecycleStage} display={stageLabel(c.lifecycleStage)} field="lifecycleStage" save={save} disabled={readOnly} clearable={false}
          data={stages.map((s) => ({ value: s.value, label: s.label[lang] }))} testId="field-stage" />
        <TagsField label={t('record.fields.tags')} value={c.tags} field="tags" save={save} disabled={readOnly} testId="field-tags" />
        <TextField label={t('record.fields.source')} value={c.source} field="source" save={save} disabled={readOnly} testId="field-source" />
        <TextField label={t('record.fields.externalId')} value={c.externalId} field="externalId" save={save} disabled={readOnly} testId="field-externalId" />
        <Group grow>
          <ReadField label={t('record.fields.createdAt')}>{formatDateTime(c.createdAt)}</ReadField>
          <ReadField label={t('record.fields.updatedAt')}>{formatDateTime(c.updatedAt)}</ReadField>
        </Group>
      </Section>
      <Section title={t('record.sections.address')} testId="section-address">
        <AddressesField items={c.addresses} save={save} disabled={readOnly} testId="field-addresses" />
      </Section>
      <Section title={t('record.sections.social')} testId="section-social">
        {SOCIAL.map((k) => (
          <TextField key={k} label={t(`record.fields.${k}`)} value={c.social[k]} field="social" save={(patch) => save({ social: { ...c.social, [k]: patch.social } })}
            disabled={readOnly} testId={`field-social-${k}`}
            render={(v) => (/^(https?:\/\/|www\.)|\.[a-z]{2,}(\/|$)/i.test(v) ? <Anchor href={asUrl(v)} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>{v}</Anchor> : v)} />
        ))}
      </Section>
      <Section title={t('record.sections.custom')} testId="section-custom">
        <CustomFields defs={defs} values={c.custom} masked={c.masked} save={save} people={people} disabled={readOnly} />
      </Section>
      <Section title={t('record.sections.consent')} testId="section-consent">
        <ConsentSection contact={c} save={save} disabled={readOnly} />
      </Section>
    </>
  );

  const main = (
    <>
      {mayLog && <Composer ref={composerRef} target={{ kind: 'contact', id: c.id }} onLogged={refreshTimeline} tab={tab} onTab={setTab} people={people} defaultEmail={email} />}
      <RecordCards entity="contact" id={c.id} />
      <RelatedRecords target="contacts" id={c.id} skip={covered} />
      <Timeline entity="contact" id={c.id} />
    </>
  );

  return (
    <>
      <StaleBanner show={stale} onReload={reload} />
      {header}
      <TwoColumns side={side} main={main} />
    </>
  );
}
