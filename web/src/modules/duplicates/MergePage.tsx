/**
 * /duplicates/merge?a=&b=: pick the contact that stays and, field by field, which value to keep; the
 * server's preview shows the result and what moves; confirming merges and opens the survivor.
 */
import { useEffect, useMemo, useState } from 'react';
import { displayPersonName } from '../../../../contracts/person-names';
import { Alert, Anchor, Badge, Button, Card, Group, Radio, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconGitMerge } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Contact } from '../../../../contracts/contacts';
import type { mergeResponse } from '../../../../contracts/duplicates';
import { api, ApiError } from '../../app/api';
import { useConfirm } from '../../ui/confirm';
import { errorMessage } from '../../ui/errors';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { CHOICE_FIELDS, defaultChoices, fieldValue, objectText, sameValue, toServerChoices, type ChoiceField, type Side } from './logic';

type MergeResult = z.infer<typeof mergeResponse>;
const UNION = ['emails', 'phones', 'addresses', 'tags'] as const;

function display(c: Contact, f: ChoiceField | (typeof UNION)[number], stage: (v: string) => string = (v) => v): string {
  switch (f) {
    case 'lifecycleStage': return stage(c.lifecycleStage);
    case 'companyId': return c.company?.name ?? '';
    case 'ownerId': return c.owner?.name ?? '';
    case 'emails': return c.emails.map((e) => e.address).join(', ');
    case 'phones': return c.phones.map((p) => p.number).join(', ');
    case 'addresses': return c.addresses.map((a) => [a.street, a.city, a.country].filter(Boolean).join(', ')).join(' | ');
    case 'tags': return c.tags.join(', ');
    default: return objectText(fieldValue(c, f));
  }
}

/** "contact_phones.contact_id" → "contact phones". */
const movedLabel = (key: string) => (key.split('.')[0] ?? key).replace(/_/g, ' ');

function useStageLabel() {
  const { i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['/settings/lifecycle-stages'],
    queryFn: ({ signal }) => api.get<{ stages: { value: string; label: { en: string; vi: string } }[] }>('/settings/lifecycle-stages', undefined, { signal }),
    staleTime: 60_000,
  });
  const lang = i18n.language.startsWith('vi') ? 'vi' : 'en';
  return (v: string) => q.data?.stages.find((s) => s.value === v)?.label[lang] ?? v;
}

function useContact(id: string | null) {
  return useQuery({
    queryKey: ['/contacts', 'record', id],
    queryFn: ({ signal }) => api.get<Contact>(`/contacts/${id}`, undefined, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

export function MergePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const qc = useQueryClient();
  const stage = useStageLabel();
  const a = useContact(params.get('a'));
  const b = useContact(params.get('b'));
  const [survivor, setSurvivor] = useState<Side>('a');
  const [choices, setChoices] = useState<Record<ChoiceField, Side> | null>(null);
  const [merging, setMerging] = useState(false);
  const [mergeError, setMergeError] = useState<string | null>(null);

  // Defaults follow the survivor until the user picks a side for some field.
  useEffect(() => {
    if (a.data && b.data) setChoices(defaultChoices(a.data, b.data, survivor));
  }, [a.data, b.data, survivor]);

  const rec = { a: a.data, b: b.data };
  const body = useMemo(() => {
    if (!a.data || !b.data || !choices) return null;
    const other: Side = survivor === 'a' ? 'b' : 'a';
    return { survivorId: rec[survivor]!.id, mergedId: rec[other]!.id, choices: toServerChoices(choices, survivor) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a.data, b.data, choices, survivor]);
  const [debouncedBody] = useDebouncedValue(body, 250);
  const preview = useQuery({
    queryKey: ['/contacts/merge/preview', debouncedBody],
    queryFn: () => api.post<MergeResult>('/contacts/merge/preview', debouncedBody),
    enabled: Boolean(debouncedBody),
  });

  if (a.isPending || b.isPending) return <LoadingState />;
  if (a.error || b.error) {
    const e = a.error ?? b.error;
    return e instanceof ApiError && e.status === 404
      ? <EmptyState title={t('duplicates.missing')} action={<Button component={Link} to="/duplicates" variant="light">{t('duplicates.backToDuplicates')}</Button>} />
      : <ErrorState error={e} />;
  }
  if (!a.data || !b.data || !choices || !body) return <LoadingState />;
  const A = a.data;
  const B = b.data;

  const merge = async () => {
    const s = survivor === 'a' ? A : B;
    const m = survivor === 'a' ? B : A;
    if (!(await confirm({ title: t('duplicates.confirmTitle'), message: t('duplicates.confirmMessage', { merged: m.displayName, survivor: s.displayName }), confirmLabel: t('duplicates.confirmMerge') }))) return;
    setMerging(true);
    setMergeError(null);
    try {
      const r = await api.post<MergeResult>('/contacts/merge', body);
      notifySuccess(t('duplicates.merged'));
      await qc.invalidateQueries({ queryKey: ['/contacts'] });
      await qc.invalidateQueries({ queryKey: ['/duplicates'] });
      navigate(`/contacts/${r.survivorId}`);
    } catch (e) {
      setMergeError(errorMessage(e, t));
    } finally {
      setMerging(false);
    }
  };

  const sideCard = (side: Side, c: Contact) => (
    <Card withBorder radius="md" padding="sm" style={{ borderColor: survivor === side ? 'var(--mantine-color-blue-filled)' : undefined }} data-testid={`merge-side-${side}`}>
      <Radio checked={survivor === side} onChange={() => setSurvivor(side)} label={<Text fw={600}>{t('duplicates.keepThis')}</Text>} data-testid={`merge-survivor-${side}`} />
      <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} mt="xs" display="block">{c.displayName}</Anchor>
      <Text size="xs" c="dimmed">{display(c, 'emails')}</Text>
      <Text size="xs" c="dimmed">{display(c, 'phones')}</Text>
      {survivor === side && <Badge mt="xs" size="sm">{t('duplicates.survivor')}</Badge>}
    </Card>
  );

  const moved = Object.entries(preview.data?.moved ?? {}).filter(([, n]) => n > 0);
  const p = preview.data?.record;
  return (
    <>
      <Anchor component={Link} to="/duplicates" size="sm" c="dimmed" display="inline-flex" mb="xs" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {t('duplicates.backToDuplicates')}
      </Anchor>
      <PageHeader title={t('duplicates.mergeTitle')} description={t('duplicates.mergeDescription')} />
      <Text size="sm" c="dimmed" mb="xs">{t('duplicates.survivorHint')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md">
        {sideCard('a', A)}
        {sideCard('b', B)}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder verticalSpacing="xs" data-testid="merge-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('duplicates.field')}</Table.Th>
              {([['a', A], ['b', B]] as const).map(([side, c]) => (
                <Table.Th key={side}>
                  <Group gap={6} wrap="nowrap">{c.displayName}{survivor === side && <Badge size="xs">{t('duplicates.survivor')}</Badge>}</Group>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {CHOICE_FIELDS.map((f) => {
              const va = fieldValue(A, f);
              const vb = fieldValue(B, f);
              const same = sameValue(va, vb);
              const cell = (side: Side, c: Contact) => (
                <Table.Td>
                  {same ? <Text size="sm">{display(c, f, stage) || t('duplicates.empty_value')}</Text> : (
                    <Radio checked={choices[f] === side} onChange={() => setChoices({ ...choices, [f]: side })} name={`merge-${f}`}
                      label={<Text size="sm" c={display(c, f, stage) ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>{display(c, f, stage) || t('duplicates.empty_value')}</Text>}
                      data-testid={`merge-choice-${f}-${side}`} />
                  )}
                </Table.Td>
              );
              return (
                <Table.Tr key={f} data-testid={`merge-row-${f}`}>
                  <Table.Td><Text size="sm" fw={500}>{t(`duplicates.fields.${f}`)}</Text></Table.Td>
                  {cell('a', A)}
                  {cell('b', B)}
                </Table.Tr>
              );
            })}
            {UNION.map((f) => (
              <Table.Tr key={f}>
                <Table.Td>
                  <Text size="sm" fw={500}>{t(`duplicates.fields.${f}`)}</Text>
                  <Badge size="xs" variant="light" color="teal">{t('duplicates.unionNote')}</Badge>
                </Table.Td>
                <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{display(A, f) || t('duplicates.empty_value')}</Text></Table.Td>
                <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{display(B, f) || t('duplicates.empty_value')}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Card withBorder radius="md" padding="sm" mt="md" data-testid="merge-preview">
        <Title order={5} mb="xs">{t('duplicates.previewTitle')}</Title>
        {preview.isPending || preview.isFetching && !p ? <LoadingState /> : preview.error ? <ErrorState error={preview.error} onRetry={() => void preview.refetch()} /> : p && (
          <Stack gap={4}>
            <Text fw={600}>{displayPersonName({ givenName: p.givenName, familyName: p.familyName }) || t('duplicates.empty_value')}</Text>
            <Text size="sm">{p.emails.map((e) => e.address).join(', ')}</Text>
            <Text size="sm">{p.phones.map((x) => x.number).join(', ')}</Text>
            {p.tags.length > 0 && <Group gap={4}>{p.tags.map((tag) => <Badge key={tag} size="sm" variant="outline" color="gray" tt="none">{tag}</Badge>)}</Group>}
            <Text size="sm" fw={500} mt="xs">{t('duplicates.moved')}</Text>
            {moved.length ? (
              <Group gap={6}>{moved.map(([k, n]) => <Badge key={k} variant="light" tt="none">{movedLabel(k)}: {n}</Badge>)}</Group>
            ) : <Text size="sm" c="dimmed">{t('duplicates.movedNone')}</Text>}
          </Stack>
        )}
      </Card>
      {mergeError && <Alert color="red" mt="md" role="alert">{mergeError}</Alert>}
      <Group justify="flex-end" mt="md">
        <Button component={Link} to="/duplicates" variant="default">{t('common.cancel')}</Button>
        <Button leftSection={<IconGitMerge size={16} />} loading={merging} disabled={!preview.data} onClick={() => void merge()} data-testid="merge-confirm">{t('duplicates.confirmMerge')}</Button>
      </Group>
    </>
  );
}
