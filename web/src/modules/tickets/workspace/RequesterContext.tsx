/**
 * The requester's 360° context beside the conversation: the contact (and company), and what points at the contact —
 * their other tickets, deals and any other record (GET /objects/by-relation/contacts/{id}).
 */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { recordHref, useRecordTypes, useRelated } from '../../../ui/records/data';
import { typeLabel, type RecordItem } from '../../../ui/records/types';

export function RequesterContext({ rec }: { rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  const requester = typeof rec.values.requester === 'string' ? rec.values.requester : '';
  const related = useRelated('contacts', requester);
  const types = useRecordTypes().data ?? [];
  const company = typeof rec.values.company === 'string' ? rec.values.company : null;
  const groups = (related.data ?? [])
    .map((g) => ({ ...g, records: g.records.filter((r) => !(g.object === 'tickets' && r.id === rec.id)) }))
    .filter((g) => g.records.length > 0);
  return (
    <Card withBorder radius="md" data-testid="requester-context">
      <Title order={3} size="h5" mb="xs">{t('tickets.workspace.requesterTitle')}</Title>
      {!requester ? <Text size="sm" c="dimmed">{t('tickets.workspace.noRequester')}</Text> : (
        <Stack gap="sm">
          <Stack gap={2}>
            <Anchor component={Link} to={recordHref('contacts', requester)} size="sm" fw={600} data-testid="requester-link">{rec.included?.requester?.title ?? t('tickets.workspace.requester')}</Anchor>
            {company && <Anchor component={Link} to={recordHref('companies', company)} size="sm">{rec.included?.company?.title ?? '…'}</Anchor>}
          </Stack>
          {related.isPending ? <Text size="sm" c="dimmed">{t('tickets.workspace.loading')}</Text> : groups.length === 0 ? (
            <Text size="sm" c="dimmed">{t('tickets.workspace.nothingElse')}</Text>
          ) : groups.map((g) => {
            const type = types.find((x) => x.name === g.object);
            return (
              <Stack key={`${g.object}.${g.field}`} gap={4} data-testid="requester-group" data-object={g.object}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>{g.object === 'tickets' ? t('tickets.workspace.otherTickets') : type ? typeLabel(type, i18n.language, 'plural') : g.object}</Text>
                  <Badge size="xs" variant="light" color="gray">{g.more ? `${g.records.length}+` : g.records.length}</Badge>
                </Group>
                {g.records.slice(0, 5).map((r) => (
                  <Anchor key={r.id} component={Link} to={recordHref(g.object, r.id)} size="sm" lineClamp={1} data-testid="requester-record">
                    {typeof r.values.number === 'string' ? `${r.values.number} · ` : ''}{r.title || t('records.untitled')}
                  </Anchor>
                ))}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
