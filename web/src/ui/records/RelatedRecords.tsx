/**
 * Records of custom objects that point at one record (`GET /objects/by-relation/{target}/{id}`), grouped
 * by object and relation field: "Vehicles — Owner" on a contact's page, on a company's, or on any record's.
 * Shows nothing while there are none (so a page without custom objects looks as before). `skip` leaves out objects
 * a card of the page already lists.
 */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listHref, recordHref, useRecordTypes, useRelated } from './data';
import { useFieldText } from './FieldValue';
import { objectIcon } from './icons';
import { localized, typeLabel } from './types';

/**
 * @param skip objects another card of the page already lists (the contact and company pages' RecordCard.covers):
 * their groups are left out.
 */
export function RelatedRecords({ target, id, skip = [] }: { target: string; id: string; skip?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const related = useRelated(target, id);
  const types = useRecordTypes().data ?? [];
  const text = useFieldText();
  const groups = (related.data ?? []).filter((g) => g.records.length > 0 && !skip.includes(g.object));
  if (!groups.length) return null;
  return (
    <Card withBorder radius="md" data-testid="related-records">
      <Title order={4} mb="sm">{t('records.related.title')}</Title>
      <Stack gap="md">
        {groups.map((g) => {
          const type = types.find((x) => x.name === g.object);
          const field = type?.fields.find((f) => f.key === g.field);
          const Icon = objectIcon(type?.icon ?? 'box');
          const shown = (type?.fields ?? []).filter((f) => !f.archived && f.key !== type?.titleField && f.key !== g.field && f.type !== 'long_text').slice(0, 2);
          return (
            <Stack key={`${g.object}.${g.field}`} gap={6} data-testid="related-group" data-object={g.object}>
              <Group gap={6}>
                <Icon size={16} />
                <Text fw={600} size="sm">{type ? typeLabel(type, i18n.language, 'plural') : g.object}</Text>
                {field && <Text size="xs" c="dimmed">· {localized(field.labels, i18n.language)}</Text>}
                <Badge size="xs" variant="light" color="gray">{g.more ? `${g.records.length}+` : g.records.length}</Badge>
              </Group>
              {g.records.map((r) => (
                <Group key={r.id} gap="xs" wrap="nowrap" pl={22}>
                  <Anchor component={Link} to={recordHref(g.object, r.id)} size="sm" data-testid="related-record">{r.title || t('records.untitled')}</Anchor>
                  <Text size="xs" c="dimmed" truncate="end">{shown.map((f) => text(f, r.values[f.key])).filter(Boolean).join(' · ')}</Text>
                </Group>
              ))}
              {g.more && <Anchor component={Link} to={listHref(g.object)} size="xs" pl={22}>{t('records.related.more')}</Anchor>}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
