/**
 * A record's timeline (`GET /activities/timeline?recordType=&recordId=`): the composer (note with files, call,
 * meeting, email, task — web/src/ui/activities, shared with the contact and company pages) above one newest-first
 * stream of its activities and its history — created, updated (each changed field old → new, in the field's own
 * format; masked values show as hidden), deleted, restored — with who and when, a type filter and "show older".
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Chip, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconArrowBackUp, IconCalendarEvent, IconChecklist, IconMail, IconNote, IconPencil, IconPhone, IconPlus, IconSparkles, IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { ActivityBody, ActivityMenu } from '../activities/ActivityBody';
import { Composer, type ComposerTab } from '../activities/Composer';
import { usePeople, useRecordActivityTimeline, type TimelineItem } from '../activities/data';
import { formatDateTime, formatRelative } from '../format';
import { ErrorState, LoadingState } from '../states';
import { objectPath, useRefTitles } from './data';
import { useFieldText } from './FieldValue';
import type { Included } from './text';
import { localized, type FieldDef, type RecordType } from './types';

/** The record ids a relation field's value names (none for other fields). */
function relatedIds(f: FieldDef, v: unknown): string[] {
  if (!f.relation?.target) return [];
  if (f.type === 'relation') return typeof v === 'string' && v ? [v] : [];
  return f.type === 'relations' && Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** What the field's text shows for its related records: their titles where known. */
function relatedOf(f: FieldDef, v: unknown, titles: Map<string, string>): Included | Included[] | null {
  const found = relatedIds(f, v).flatMap((id) => {
    const title = titles.get(`${f.relation?.target}:${id}`);
    return title ? [{ id, title }] : [];
  });
  return f.type === 'relation' ? found[0] ?? null : found;
}

const ACTIVITY_ICONS: Record<string, typeof IconNote> = { note: IconNote, call: IconPhone, meeting: IconCalendarEvent, email: IconMail, task: IconChecklist };
const ACTIVITY_COLORS: Record<string, string> = { note: 'yellow', call: 'teal', meeting: 'grape', email: 'blue', task: 'orange' };
const EVENT_ICONS = { created: IconPlus, updated: IconPencil, deleted: IconTrash, restored: IconArrowBackUp } as const;
const EVENT_COLORS = { created: 'teal', updated: 'blue', deleted: 'red', restored: 'grape' } as const;
const FILTERS = ['note', 'call', 'meeting', 'email', 'task', 'field_change', 'record_event'] as const;

/** A history entry: who did what when, and for an update each changed field old → new. */
function Event({ type, item, titles }: { type: RecordType; item: TimelineItem; titles: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const text = useFieldText();
  const kind = (item.type === 'field_change' ? 'updated' : String(item.data?.event ?? 'updated')) as keyof typeof EVENT_ICONS;
  const Icon = EVENT_ICONS[kind] ?? IconSparkles;
  const show = (key: string, masked: boolean | undefined, v: unknown) => {
    if (masked) return t('records.masked');
    const f = type.fields.find((x) => x.key === key);
    const s = f ? text(f, v, relatedOf(f, v, titles)) : v === null || v === undefined ? '' : String(v);
    return s || '—';
  };
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="timeline-event" data-type={kind}>
      <ThemeIcon variant="light" color={EVENT_COLORS[kind] ?? 'gray'} radius="xl" size={28}><Icon size={15} /></ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm"><b>{item.actor?.name || t('records.timeline.system')}</b> {t(`records.timeline.${kind}`)}</Text>
        <Text size="xs" c="dimmed">{formatDateTime(item.occurredAt)}</Text>
        {(item.changes ?? []).map((c) => {
          const f = type.fields.find((x) => x.key === c.field);
          return (
            <Text key={c.field} size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="timeline-change" data-masked={c.masked ? 'true' : undefined}>
              <Text span fw={500}>{f ? localized(f.labels, i18n.language) : c.field}</Text>: {show(c.field, c.masked, c.before)} → {show(c.field, c.masked, c.after)}
            </Text>
          );
        })}
      </Stack>
    </Group>
  );
}

/** A note, call, meeting, email or task, with its menu (edit one's own note, delete). */
function ActivityItem({ item, onChanged }: { item: TimelineItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const people = usePeople();
  const [editing, setEditing] = useState(false);
  const a = item.activity!;
  const Icon = ACTIVITY_ICONS[a.type] ?? IconSparkles;
  const color = ACTIVITY_COLORS[a.type] ?? 'violet';
  return (
    <Paper withBorder radius="md" p="sm" data-testid="timeline-item" data-type={a.type}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ActionIcon component="span" variant="light" color={color} radius="xl" size="lg" aria-hidden><Icon size={18} /></ActionIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Group gap={6} style={{ minWidth: 0 }}>
              <Badge size="sm" variant="light" color={color} tt="none">{t(`activity.item.${a.type}`)}</Badge>
              {a.type === 'note' && a.subject && <Text size="sm" fw={500} truncate>{a.subject}</Text>}
            </Group>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed" title={formatDateTime(item.occurredAt)} style={{ whiteSpace: 'nowrap' }}>{formatRelative(item.occurredAt)}</Text>
              <ActivityMenu a={a} onChanged={onChanged} onEdit={() => setEditing(true)} />
            </Group>
          </Group>
          <ActivityBody a={a} onChanged={onChanged} editing={editing} onEditDone={() => setEditing(false)} people={people} />
          {item.actor && <Text size="xs" c="dimmed">{t('activity.item.by', { name: item.actor.name })}</Text>}
        </Stack>
      </Group>
    </Paper>
  );
}

export function RecordTimeline({ type, id, deleted = false }: { type: RecordType; id: string; deleted?: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const people = usePeople();
  const [types, setTypes] = useState<string[]>([]);
  const [tab, setTab] = useState<ComposerTab>('note');
  const key = [objectPath(type.name), id, 'activity-timeline'] as const;
  const tl = useRecordActivityTimeline(key, type.name, id, types);
  // Relation values in changes are ids: their records' titles, asked for once.
  const titles = useRefTitles(tl.items.flatMap((item) => (item.changes ?? []).flatMap((c) => {
    const f = type.fields.find((x) => x.key === c.field);
    return c.masked || !f ? [] : relatedIds(f, c.before).concat(relatedIds(f, c.after)).map((rid) => `${f.relation?.target}:${rid}`);
  })));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['/activities'] });
  };
  const mayLog = !deleted && can(user, 'activities', 'create');
  return (
    <Card withBorder radius="md" data-testid="record-timeline">
      <Title order={4} mb="sm">{t('activity.timeline.title')}</Title>
      <Stack gap="sm">
        {mayLog && <Composer target={{ kind: 'record', type: type.name, id }} onLogged={refresh} tab={tab} onTab={setTab} people={people} />}
        <Group gap={6} data-testid="timeline-filter">
          <Chip size="xs" checked={types.length === 0} onChange={() => setTypes([])} wrapperProps={{ 'data-testid': 'timeline-filter-all' }}>{t('activity.timeline.all')}</Chip>
          <Chip.Group multiple value={types} onChange={setTypes}>
            {FILTERS.map((ty) => <Chip key={ty} size="xs" value={ty} wrapperProps={{ 'data-testid': `timeline-filter-${ty}` }}>{t(`activity.types.${ty}`)}</Chip>)}
          </Chip.Group>
        </Group>
        {tl.isPending ? <LoadingState /> : tl.error ? <ErrorState error={tl.error} onRetry={() => void tl.refetch()} /> : (
          <Stack gap="md">
            {tl.items.map((item) => (item.activity
              ? <ActivityItem key={item.id} item={item} onChanged={refresh} />
              : <Event key={item.id} type={type} item={item} titles={titles} />))}
            {tl.items.length === 0 && <Text size="sm" c="dimmed">{types.length ? t('common.noMatches') : t('activity.timeline.empty')}</Text>}
            {tl.hasMore && <Button variant="subtle" size="xs" onClick={tl.loadMore} loading={tl.loadingMore}>{t('activity.timeline.more')}</Button>}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
