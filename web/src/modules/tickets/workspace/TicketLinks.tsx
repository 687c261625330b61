/**
 * The deal and the order a ticket is about (relation fields `deal` and `order`): linked and unlinked with a record
 * picker (clear to unlink); each links to its page, where the ticket shows among the related records.
 */
import { Anchor, Card, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { recordHref, useOptimisticPatch } from '../../../ui/records/data';
import { RecordPicker } from '../../../ui/records/pickers';
import type { RecordItem } from '../../../ui/records/types';

const targets = [
  { key: 'deal', target: 'deals' },
  { key: 'order', target: 'orders' },
] as const;

export function TicketLinks({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const patch = useOptimisticPatch('tickets');
  const readOnly = rec.values.status === 'closed';
  return (
    <Card withBorder radius="md" data-testid="ticket-links">
      <Title order={3} size="h5" mb="xs">{t('tickets.workspace.links.title')}</Title>
      <Stack gap="xs">
        {targets.map(({ key, target }) => {
          const id = typeof rec.values[key] === 'string' ? (rec.values[key] as string) : null;
          const title = rec.included?.[key]?.title ?? null;
          return (
            <Stack key={key} gap={2}>
              <RecordPicker target={target} value={id} valueTitle={title} disabled={readOnly} size="sm"
                label={t(`tickets.workspace.links.${key}`)} placeholder={t('tickets.workspace.links.pick')} data-testid={`ticket-link-${key}`}
                onChange={(next) => { if (next !== id) void patch(rec, { [key]: next }); }} />
              {id && <Anchor component={Link} to={recordHref(target, id)} size="xs" data-testid={`ticket-link-${key}-open`}>{t('tickets.workspace.links.open', { title: title ?? '…' })}</Anchor>}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
