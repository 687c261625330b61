/**
 * The timeline of a contact or company: a type filter, items newest first, and infinite scroll (a
 * sentinel under the list loads the next page; a button remains for keyboards and old browsers).
 * Item types of other modules are drawn by the module's view (WebModule.timelineItems), or generically
 * (TimelineItems.tsx).
 */
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Anchor, Badge, Chip, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconHistory, IconMail, IconNote, IconPhone, IconSparkles, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRegistry } from '../../../app/registry-context';
import { formatDateTime, formatRelative } from '../../../ui/format';
import { LoadMore } from '../../../ui/LoadMore';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { HelpLink } from '../../../ui/HelpLink';
import { ActivityBody, ActivityMenu } from '../../../ui/activities/ActivityBody';
import { Generic, ModuleItem } from './TimelineItems';
import { usePeople, useRefreshTimeline, useTimeline, type Entity, type Person, type TimelineItem } from './data';
import { useCustomFields } from '../data';
import { localized } from '../logic';
import { changeValue, humanizeKey, KNOWN_TYPES } from './logic';

const ICONS: Record<string, typeof IconNote> = {
  note: IconNote, call: IconPhone, meeting: IconCalendarEvent, email: IconMail, task: IconChecklist, field_change: IconHistory,
};
const COLORS: Record<string, string> = { note: 'yellow', call: 'teal', meeting: 'grape', email: 'blue', task: 'orange', field_change: 'gray' };

/** Field changes; `custom.<key>` by its field's label, and a field above the reader's level as "Hidden" (the server sends no values). */
function Changes({ item, entity }: { item: TimelineItem; entity: Entity }) {
  const { t, i18n } = useTranslation();
  const fields = useCustomFields(entity).data ?? [];
  if (!item.changes?.length) return <Text size="sm">{item.title}</Text>;
  const name = (field: string) => {
    const def = field.startsWith('custom.') ? fields.find((f) => f.key === field.slice('custom.'.length)) : undefined;
    return def ? localized(def.label, i18n.language) : t(`record.fields.${field}`, { defaultValue: field });
  };
  const value = (c: { masked?: boolean | undefined }, v: unknown) => (c.masked ? t('record.hidden') : changeValue(v) || t('record.item.cleared'));
  return (
    <Stack gap={2}>
      {item.changes.map((c) => (
        <Text key={c.field} size="sm" style={{ overflowWrap: 'anywhere' }} data-masked={c.masked ? 'true' : undefined}>
          <Text span fw={500}>{name(c.field)}</Text>
          {': '}
          <Text span c="dimmed" td={c.masked ? undefined : 'line-through'}>{value(c, c.before)}</Text>
          {' → '}
          <Text span>{value(c, c.after)}</Text>
        </Text>
      ))}
    </Stack>
  );
}

function Item({ item, entity, onChanged, people }: { item: TimelineItem; entity: Entity; onChanged: () => void; people: Person[] }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const known = (KNOWN_TYPES as readonly string[]).includes(item.type);
  const view = useRegistry().timelineItem(item.type);
  const Icon = ICONS[item.type] ?? view?.icon ?? IconSparkles;
  const color = COLORS[item.type] ?? view?.color ?? 'violet';
  const label = known ? t(`record.item.${item.type}`) : view ? t(view.label) : humanizeKey(item.type);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="timeline-item" data-type={item.type}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ActionIcon component="span" variant="light" color={color} radius="xl" size="lg" aria-hidden>
          <Icon size={18} />
        </ActionIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Group gap={6} style={{ minWidth: 0 }}>
              <Badge size="sm" variant="light" color={color} tt="none">{label}</Badge>
              {/* A company's timeline rolls up its people's activities: whose it is, linked. */}
              {item.contact && (
                <Anchor component={Link} to={`/contacts/${item.contact.id}`} size="sm" fw={500} truncate data-testid="timeline-item-contact">
                  <IconUser size={14} style={{ verticalAlign: -2, marginRight: 4 }} aria-hidden />{item.contact.name}
                </Anchor>
              )}
              {!item.activity && !known && !view && <Text size="sm" fw={500} truncate>{item.title}</Text>}
              {item.activity?.type === 'note' && item.activity.subject && <Text size="sm" fw={500} truncate>{item.activity.subject}</Text>}
            </Group>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed" title={formatDateTime(item.occurredAt)} style={{ whiteSpace: 'nowrap' }}>{formatRelative(item.occurredAt)}</Text>
              {item.activity && <ActivityMenu a={item.activity} onChanged={onChanged} onEdit={() => setEditing(true)} />}
            </Group>
          </Group>
          {item.activity ? <ActivityBody a={item.activity} onChanged={onChanged} editing={editing} onEditDone={() => setEditing(false)} people={people} /> : item.type === 'field_change' ? <Changes item={item} entity={entity} />
            : view ? <ModuleItem view={view} item={item} /> : <Generic item={item} />}
          {item.actor && <Text size="xs" c="dimmed">{t('record.item.by', { name: item.actor.name })}</Text>}
        </Stack>
      </Group>
    </Paper>
  );
}

/** Loads the next page when the sentinel scrolls into view. */
function useInfiniteSentinel(enabled: boolean, load: () => void) {
  const ref = useRef<HTMLDivElement | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadRef.current(); }, { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [enabled]);
  return ref;
}

export function Timeline({ entity, id }: { entity: Entity; id: string }) {
  const { t } = useTranslation();
  const [types, setTypes] = useState<string[]>([]);
  const tl = useTimeline(entity, id, types);
  const refresh = useRefreshTimeline(entity, id);
  const people = usePeople();
  const sentinel = useInfiniteSentinel(tl.hasMore && !tl.loadingMore, tl.loadMore);

  return (
    <Stack gap="sm" data-testid="timeline">
      <Group justify="space-between" gap="xs">
        <Title order={4}>{t('record.timeline')}</Title>
      </Group>
      <Group gap={6} data-testid="timeline-filter">
        <Chip size="xs" checked={types.length === 0} onChange={() => setTypes([])} wrapperProps={{ 'data-testid': 'timeline-filter-all' }}>{t('record.filterAll')}</Chip>
        <Chip.Group multiple value={types} onChange={setTypes}>
          {KNOWN_TYPES.map((ty) => <Chip key={ty} size="xs" value={ty} wrapperProps={{ 'data-testid': `timeline-filter-${ty}` }}>{t(`record.types.${ty}`)}</Chip>)}
        </Chip.Group>
      </Group>
      {tl.isPending ? <LoadingState /> : tl.error ? <ErrorState error={tl.error} onRetry={() => void tl.refetch()} /> : tl.items.length === 0 ? (
        <EmptyState title={t('record.timelineEmpty')} description={types.length ? t('common.noMatches') : t('record.timelineEmptyHint')}
          action={types.length ? undefined : <HelpLink page="contacts-and-companies" />} />
      ) : (
        <Stack gap="xs">
          {tl.items.map((item) => <Item key={item.id} item={item} entity={entity} onChanged={refresh} people={people} />)}
        </Stack>
      )}
      <div ref={sentinel} aria-hidden style={{ height: 1 }} />
      <LoadMore hasMore={tl.hasMore} loading={tl.loadingMore} onLoad={tl.loadMore} />
    </Stack>
  );
}
