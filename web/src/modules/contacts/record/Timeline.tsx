/**
 * The timeline of a contact or company: a type filter, items newest first, and infinite scroll (a
 * sentinel under the list loads the next page; a button remains for keyboards and old browsers).
 * Item types of other modules are drawn by the module's view (WebModule.timelineItems), or generically
 * (TimelineItems.tsx).
 */
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Anchor, Badge, Checkbox, Chip, Group, Menu, Paper, Stack, Text, Title, Typography } from '@mantine/core';
import {
  IconArrowDownLeft, IconArrowUpRight, IconCalendarEvent, IconChecklist, IconDots, IconHistory, IconMail, IconNote, IconPhone, IconPhoneIncoming, IconPhoneOutgoing, IconSparkles, IconTrash, IconUser,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import './record.css';
import { api } from '../../../app/api';
import { useRegistry } from '../../../app/registry-context';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { formatDateTime, formatRelative } from '../../../ui/format';
import { LoadMore } from '../../../ui/LoadMore';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { HelpLink } from '../../../ui/HelpLink';
import { AttachmentLinks } from './Attachments';
import { Generic, ModuleItem } from './TimelineItems';
import { useRefreshTimeline, useTimeline, type Activity, type Entity, type TimelineItem } from './data';
import { useCustomFields } from '../data';
import { localized } from '../logic';
import { changeValue, formatDuration, humanizeKey, KNOWN_TYPES } from './logic';

const ICONS: Record<string, typeof IconNote> = {
  note: IconNote, call: IconPhone, meeting: IconCalendarEvent, email: IconMail, task: IconChecklist, field_change: IconHistory,
};
const COLORS: Record<string, string> = { note: 'yellow', call: 'teal', meeting: 'grape', email: 'blue', task: 'orange', field_change: 'gray' };

function Html({ html }: { html: string | null }) {
  if (!html) return null;
  // The server sanitises bodies on write (allow-list of tags and attributes), so rendering them is safe.
  return <Typography fz="sm" className="kith-note" style={{ overflowWrap: 'anywhere' }}><div dangerouslySetInnerHTML={{ __html: html }} /></Typography>;
}

function TaskLine({ a, onChanged }: { a: Activity; onChanged: () => void }) {
  const { t } = useTranslation();
  const toggle = useMutation({
    mutationFn: (completed: boolean) => api.post<Activity>(`/activities/${a.id}/complete`, { completed }),
    onSuccess: onChanged,
    onError: (e) => notifyError(errorMessage(e, t)),
  });
  const overdue = !a.completedAt && a.dueAt && new Date(a.dueAt).getTime() < Date.now();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Checkbox mt={2} checked={Boolean(a.completedAt)} disabled={toggle.isPending} onChange={(e) => toggle.mutate(e.currentTarget.checked)}
        aria-label={a.completedAt ? t('record.item.reopen') : t('record.item.complete')} data-testid="task-complete" />
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} td={a.completedAt ? 'line-through' : undefined}>{a.subject}</Text>
        <Group gap={6}>
          {a.dueAt && <Text size="xs" c={overdue ? 'red' : 'dimmed'}>{t('record.item.due', { when: formatDateTime(a.dueAt) })}</Text>}
          {overdue && <Badge size="xs" color="red" variant="light">{t('record.item.overdue')}</Badge>}
          {a.completedAt && <Text size="xs" c="teal">{t('record.item.completed', { when: formatDateTime(a.completedAt) })}</Text>}
          {a.owner && <Text size="xs" c="dimmed">· {a.owner.name}</Text>}
        </Group>
      </Stack>
    </Group>
  );
}

function ActivityBody({ a, onChanged }: { a: Activity; onChanged: () => void }) {
  const { t } = useTranslation();
  const meta: string[] = [];
  if (a.durationSeconds) meta.push(t('record.item.duration', { value: formatDuration(a.durationSeconds) }));
  if (a.location) meta.push(t('record.item.location', { value: a.location }));
  return (
    <Stack gap={4}>
      {a.type === 'task' ? <TaskLine a={a} onChanged={onChanged} /> : a.subject && a.type !== 'note' && <Text size="sm" fw={500}>{a.subject}</Text>}
      {(a.type === 'call' || a.type === 'email' || meta.length > 0) && (
        <Group gap={6}>
          {a.direction && (
            <Badge size="sm" variant="light" color={a.direction === 'inbound' ? 'cyan' : 'indigo'}
              leftSection={a.type === 'email' ? (a.direction === 'inbound' ? <IconArrowDownLeft size={12} /> : <IconArrowUpRight size={12} />)
                : a.direction === 'inbound' ? <IconPhoneIncoming size={12} /> : <IconPhoneOutgoing size={12} />}>
              {a.type === 'email' ? t(a.direction === 'inbound' ? 'record.item.emailInbound' : 'record.item.emailOutbound') : t(`record.item.${a.direction}`)}
            </Badge>
          )}
          {a.outcome && <Badge size="sm" variant="outline" color="gray">{t(`record.outcomes.${a.outcome}`, { defaultValue: a.outcome })}</Badge>}
          {meta.map((m) => <Text key={m} size="xs" c="dimmed">{m}</Text>)}
        </Group>
      )}
      {a.type === 'email' && (a.emailFrom || a.emailTo.length > 0) && (
        <Text size="xs" c="dimmed">
          {a.emailFrom && `${t('record.item.from')}: ${a.emailFrom}`}{a.emailFrom && a.emailTo.length ? ' · ' : ''}
          {a.emailTo.length > 0 && `${t('record.item.to')}: ${a.emailTo.join(', ')}`}
        </Text>
      )}
      <Html html={a.body} />
      <AttachmentLinks items={a.attachments} />
    </Stack>
  );
}

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

function Item({ item, entity, onChanged }: { item: TimelineItem; entity: Entity; onChanged: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const known = (KNOWN_TYPES as readonly string[]).includes(item.type);
  const view = useRegistry().timelineItem(item.type);
  const Icon = ICONS[item.type] ?? view?.icon ?? IconSparkles;
  const color = COLORS[item.type] ?? view?.color ?? 'violet';
  const remove = async (a: Activity) => {
    if (!(await confirm({ title: t('record.item.deleteActivityTitle'), message: t('record.item.deleteActivityMessage'), confirmLabel: t('record.item.deleteActivity') }))) return;
    try {
      await api.delete(`/activities/${a.id}`);
      notifySuccess(t('record.item.activityDeleted'));
      onChanged();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
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
              {item.activity && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('record.actions')} data-testid="timeline-item-menu"><IconDots size={14} /></ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove(item.activity!)} data-testid="timeline-item-delete">
                      {t('record.item.deleteActivity')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          </Group>
          {item.activity ? <ActivityBody a={item.activity} onChanged={onChanged} /> : item.type === 'field_change' ? <Changes item={item} entity={entity} />
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
          {tl.items.map((item) => <Item key={item.id} item={item} entity={entity} onChanged={refresh} />)}
        </Stack>
      )}
      <div ref={sentinel} aria-hidden style={{ height: 1 }} />
      <LoadMore hasMore={tl.hasMore} loading={tl.loadingMore} onLoad={tl.loadMore} />
    </Stack>
  );
}
