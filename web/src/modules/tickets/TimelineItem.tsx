/**
 * Tickets on a contact's or company's timeline (WebModule.timelineItems): a ticket opened, solved or rated, and a
 * message of its conversation. The ticket's number and subject link to it; then its status and priority, the
 * requester's score and comment, or who wrote the message and its first lines.
 */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../../contracts/activities';

const STATUS_COLORS: Record<string, string> = { new: 'blue', open: 'cyan', waiting_on_customer: 'yellow', on_hold: 'orange', solved: 'green', closed: 'gray' };
const PRIORITY_COLORS: Record<string, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export default function TicketTimelineItem({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const d = item.data ?? {};
  const number = str(d.number);
  const subject = str(d.subject);
  // A message's item carries no subject: its title is "<number> <subject>".
  const headline = number && subject ? `${number} ${subject}` : item.title;
  const status = str(d.status);
  const priority = str(d.priority);
  const score = typeof d.score === 'number' ? d.score : null;
  const comment = str(d.comment);
  const message = item.type === 'ticket_message';
  const who = d.direction === 'in' ? 'inbound' : d.kind === 'note' ? 'note' : 'reply';
  return (
    <Stack gap={4} data-testid="timeline-ticket">
      {item.link ? <Anchor component={Link} to={item.link} size="sm" fw={500}>{headline}</Anchor> : <Text size="sm" fw={500}>{headline}</Text>}
      {!message && (status || priority) && (
        <Group gap={6}>
          {status && <Badge size="sm" variant="light" color={STATUS_COLORS[status] ?? 'gray'} tt="none">{t(`tickets.timeline.status.${status}`, { defaultValue: status })}</Badge>}
          {priority && <Badge size="sm" variant="outline" color={PRIORITY_COLORS[priority] ?? 'gray'} tt="none">{t(`tickets.timeline.priority.${priority}`, { defaultValue: priority })}</Badge>}
        </Group>
      )}
      {score !== null && (
        <Group gap={6}>
          <Text span aria-hidden>{'★'.repeat(Math.max(0, Math.min(5, score)))}{'☆'.repeat(Math.max(0, 5 - score))}</Text>
          <Text size="sm" data-testid="timeline-ticket-score">{t('tickets.timeline.score', { score })}</Text>
        </Group>
      )}
      {comment && <Text size="sm" fs="italic" style={{ overflowWrap: 'anywhere' }}>“{comment}”</Text>}
      {message && (
        <>
          <Text size="xs" c="dimmed">{t(`tickets.timeline.${who}`)}</Text>
          {str(d.excerpt) && <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{str(d.excerpt)}</Text>}
        </>
      )}
    </Stack>
  );
}
