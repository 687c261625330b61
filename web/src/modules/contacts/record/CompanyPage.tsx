/**
 * The company 360° page (/companies/:id): header and quick actions, fields edited in place, its
 * contacts, and the company timeline with the composer.
 */
import { useRef, useState } from 'react';
import { Anchor, Avatar, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPhone, IconPlus, IconWorld } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/auth';
import { useCursorList } from '../../../app/queries';
import { can } from '../../../app/session';
import { formatDateTime } from '../../../ui/format';
import { formatPhone } from '../../../ui/phone';
import { usePhoneRegion } from '../data';
import { RelatedRecords } from '../../../ui/records/RelatedRecords';
import { RecordCards, useCoveredObjects } from './RecordCards';
import { LoadMore } from '../../../ui/LoadMore';
import { Composer, type ComposerTab } from '../../../ui/activities/Composer';
import { useCustomFieldDefs, usePeople, useRecord, useRefreshTimeline, type Company, type Contact } from './data';
import { CustomFields } from './fields/CustomFields';
import { AddressesField, CompanyField, ContactPointsField, SelectField, TagsField, TextField } from './fields/Editors';
import { ReadField, Section } from './fields/InlineEdit';
import { contactName, initials, telHref } from './logic';
import { RecordActions } from './RecordActions';
import { BackLink, RecordState, StaleBanner, TwoColumns } from './RecordLayout';
import { Timeline } from './Timeline';
import { useRecordSave } from './useRecordSave';

function CompanyContacts({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const list = useCursorList<Contact>('/contacts', { companyId, limit: 25, sort: 'displayName', total: 'false' });
  if (list.isPending) return <Text size="sm" c="dimmed">{t('common.loading')}</Text>;
  if (!list.items.length) return <Text size="sm" c="dimmed">{t('record.noContacts')}</Text>;
  return (
    <Stack gap={6} data-testid="company-contacts">
      {list.items.map((c) => {
        const name = contactName(c);
        const email = c.emails.find((e) => e.primary)?.address ?? c.emails[0]?.address;
        return (
          <Group key={c.id} gap="xs" wrap="nowrap" data-testid="company-contact">
            <Avatar size="sm" radius="xl" color="blue">{initials(name)}</Avatar>
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" fw={500}>{name}</Anchor>
              <Text size="xs" c="dimmed" truncate>{[c.jobTitle, email].filter(Boolean).join(' · ')}</Text>
            </div>
          </Group>
        );
      })}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
    </Stack>
  );
}

export function CompanyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const query = useRecord<Company>('company', id);
  const covered = useCoveredObjects('company');
  const c = query.data;
  const { save, stale, clearStale } = useRecordSave('company', c);
  const defs = useCustomFieldDefs('company').data?.data ?? [];
  const people = usePeople(c?.owner ? [{ id: c.owner.id, name: c.owner.name }] : []);
  const refreshTimeline = useRefreshTimeline('company', id);
  const [tab, setTab] = useState<ComposerTab>('note');
  const composerRef = useRef<HTMLDivElement>(null);
  const region = usePhoneRegion();

  const state = <RecordState query={query} backTo="/companies" backLabel={t('record.backToCompanies')} />;
  if (!c) return state;

  const phone = c.phones.find((p) => p.primary)?.number ?? c.phones[0]?.number ?? null;
  const readOnly = !can(user, 'companies', 'update');
  const mayLog = can(user, 'activities', 'create');
  const reload = () => { clearStale(); void query.refetch(); };
  const logActivity = () => {
    setTab('call');
    composerRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const header = (
    <Stack gap="sm" mb="lg" data-testid="record-header">
      <BackLink to="/companies" label={t('record.backToCompanies')} />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Avatar size={56} radius="md" color="grape">{initials(c.name)}</Avatar>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} data-testid="page-title" style={{ overflowWrap: 'anywhere' }}>{c.name}</Title>
            <Text size="sm" c="dimmed">
              {[c.industry, c.size].filter(Boolean).join(' · ')}
              {c.parent && <> · <Anchor component={Link} to={`/companies/${c.parent.id}`} size="sm">{c.parent.name}</Anchor></>}
            </Text>
            {c.tags.length > 0 && <Group gap={6} mt={4}>{c.tags.map((tag) => <Badge key={tag} variant="outline" color="gray" tt="none">{tag}</Badge>)}</Group>}
          </Stack>
        </Group>
        <Group gap="xs">
          <Button component="a" href={phone ? telHref(phone) : undefined} disabled={!phone} aria-disabled={!phone || undefined} variant="light" leftSection={<IconPhone size={16} />} data-testid="quick-call">{t('record.call')}</Button>
          {c.domain && <Button component="a" href={`https://${c.domain}`} target="_blank" rel="noopener noreferrer" variant="light" leftSection={<IconWorld size={16} />}>{c.domain}</Button>}
          {mayLog && <Button leftSection={<IconPlus size={16} />} onClick={logActivity} data-testid="quick-log">{t('record.logActivity')}</Button>}
          <RecordActions entity="company" id={c.id} name={c.name} version={c.version} deleted={Boolean(c.deletedAt)} />
        </Group>
      </Group>
    </Stack>
  );

  const side = (
    <>
      <Section title={t('record.sections.details')} testId="section-details">
        <TextField label={t('record.fields.name')} value={c.name} field="name" save={save} disabled={readOnly} testId="field-name" />
        <TextField label={t('record.fields.domain')} value={c.domain} field="domain" save={save} disabled={readOnly} testId="field-domain" />
        <TextField label={t('record.fields.industry')} value={c.industry} field="industry" save={save} disabled={readOnly} testId="field-industry" />
        <SelectField label={t('record.fields.size')} value={c.size} display={c.size ?? ''} field="size" save={save} disabled={readOnly}
          data={['1-10', '11-50', '51-200', '201-1000', '1000+'].map((s) => ({ value: s, label: s }))} testId="field-size" />
        <ContactPointsField label={t('record.fields.phones')} field="phones" save={save} disabled={readOnly} testId="field-phones" href={telHref} display={(n) => formatPhone(n, region)}
          items={c.phones.map((p) => ({ value: p.number, label: p.label, primary: p.primary }))} />
        <CompanyField label={t('record.fields.parent')} company={c.parent} field="parentId" excludeId={c.id} save={save} disabled={readOnly} testId="field-parent" />
        <SelectField label={t('record.fields.owner')} value={c.ownerId} display={c.owner?.name ?? ''} field="ownerId" save={save} disabled={readOnly} searchable
          data={people.map((p) => ({ value: p.id, label: p.name }))} testId="field-owner" />
        <TagsField label={t('record.fields.tags')} value={c.tags} field="tags" save={save} disabled={readOnly} testId="field-tags" />
        <Group grow>
          <ReadField label={t('record.fields.createdAt')}>{formatDateTime(c.createdAt)}</ReadField>
          <ReadField label={t('record.fields.updatedAt')}>{formatDateTime(c.updatedAt)}</ReadField>
        </Group>
      </Section>
      <Section title={t('record.sections.contacts')} testId="section-contacts">
        <CompanyContacts companyId={c.id} />
      </Section>
      <Section title={t('record.sections.address')} testId="section-address">
        <AddressesField items={c.addresses} save={save} disabled={readOnly} testId="field-addresses" />
      </Section>
      <Section title={t('record.sections.custom')} testId="section-custom">
        <CustomFields defs={defs} values={c.custom} masked={c.masked} save={save} people={people} disabled={readOnly} />
      </Section>
    </>
  );

  const main = (
    <>
      {mayLog && <Composer ref={composerRef} target={{ kind: 'company', id: c.id }} onLogged={refreshTimeline} tab={tab} onTab={setTab} people={people} />}
      <RecordCards entity="company" id={c.id} />
      <RelatedRecords target="companies" id={c.id} skip={covered} />
      <Timeline entity="company" id={c.id} />
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
