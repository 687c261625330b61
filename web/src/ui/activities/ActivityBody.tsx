/**
 * One activity as a timeline shows it, on any record: the body of a note, call, meeting, email or task (task
 * checkbox, direction, outcome, duration, sanitised HTML, attachments), and its actions menu — edit one's own note in
 * place (the lazy rich-text editor, saved with If-Match) and delete.
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Menu, Stack, Text, Typography } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight, IconDots, IconPencil, IconPhoneIncoming, IconPhoneOutgoing, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { useUser } from '../../app/auth';
import { useConfirm } from '../confirm';
import { errorMessage } from '../errors';
import { formatDateTime } from '../format';
import { notifyError, notifySuccess } from '../notify';
import './activities.css';
import { AttachmentLinks } from './Attachments';
import type { Activity, Person } from './data';
import { formatDuration, isEmptyHtml } from './logic';
import { NoteEditor } from './NoteEditor.lazy';

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
        aria-label={a.completedAt ? t('activity.item.reopen') : t('activity.item.complete')} data-testid="task-complete" />
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} td={a.completedAt ? 'line-through' : undefined}>{a.subject}</Text>
        <Group gap={6}>
          {a.dueAt && <Text size="xs" c={overdue ? 'red' : 'dimmed'}>{t('activity.item.due', { when: formatDateTime(a.dueAt) })}</Text>}
          {overdue && <Badge size="xs" color="red" variant="light">{t('activity.item.overdue')}</Badge>}
          {a.completedAt && <Text size="xs" c="teal">{t('activity.item.completed', { when: formatDateTime(a.completedAt) })}</Text>}
          {a.owner && <Text size="xs" c="dimmed">· {a.owner.name}</Text>}
        </Group>
      </Stack>
    </Group>
  );
}

/** A note's body in the rich-text editor: Save (PATCH with If-Match) or Cancel. */
function NoteEdit({ a, people, onDone }: { a: Activity; people: Person[]; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [html, setHtml] = useState(a.body ?? '');
  const save = useMutation({
    mutationFn: () => api.patch<Activity>(`/activities/${a.id}`, { body: html }, { version: a.version }),
    onSuccess: () => {
      notifySuccess(t('activity.edit.saved'));
      onDone(true);
    },
    onError: (e) => notifyError(e instanceof ApiError && e.status === 412 ? t('activity.edit.stale') : errorMessage(e, t)),
  });
  return (
    <Stack gap="xs" data-testid="note-edit">
      <NoteEditor value={html} onChange={setHtml} people={people} placeholder={t('activity.composer.notePlaceholder')} testId="note-edit-editor" />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={() => onDone(false)} data-testid="note-edit-cancel">{t('activity.edit.cancel')}</Button>
        <Button size="xs" loading={save.isPending} disabled={isEmptyHtml(html)} onClick={() => save.mutate()} data-testid="note-edit-save">{t('activity.edit.save')}</Button>
      </Group>
    </Stack>
  );
}

/**
 * What an activity says. `editing` shows a note's body in the editor instead (see ActivityMenu); `people` are the
 * colleagues the editor offers to mention.
 */
export function ActivityBody({ a, onChanged, editing = false, onEditDone, people = [] }: {
  a: Activity; onChanged: () => void; editing?: boolean; onEditDone?: () => void; people?: Person[];
}) {
  const { t } = useTranslation();
  const meta: string[] = [];
  if (a.durationSeconds) meta.push(t('activity.item.duration', { value: formatDuration(a.durationSeconds) }));
  if (a.location) meta.push(t('activity.item.location', { value: a.location }));
  if (editing && a.type === 'note') {
    return <NoteEdit a={a} people={people} onDone={(saved) => { onEditDone?.(); if (saved) onChanged(); }} />;
  }
  return (
    <Stack gap={4}>
      {a.type === 'task' ? <TaskLine a={a} onChanged={onChanged} /> : a.subject && a.type !== 'note' && <Text size="sm" fw={500}>{a.subject}</Text>}
      {(a.type === 'call' || a.type === 'email' || meta.length > 0) && (
        <Group gap={6}>
          {a.direction && (
            <Badge size="sm" variant="light" color={a.direction === 'inbound' ? 'cyan' : 'indigo'}
              leftSection={a.type === 'email' ? (a.direction === 'inbound' ? <IconArrowDownLeft size={12} /> : <IconArrowUpRight size={12} />)
                : a.direction === 'inbound' ? <IconPhoneIncoming size={12} /> : <IconPhoneOutgoing size={12} />}>
              {a.type === 'email' ? t(a.direction === 'inbound' ? 'activity.item.emailInbound' : 'activity.item.emailOutbound') : t(`activity.item.${a.direction}`)}
            </Badge>
          )}
          {a.outcome && <Badge size="sm" variant="outline" color="gray">{t(`activity.outcomes.${a.outcome}`, { defaultValue: a.outcome })}</Badge>}
          {meta.map((m) => <Text key={m} size="xs" c="dimmed">{m}</Text>)}
        </Group>
      )}
      {a.type === 'email' && (a.emailFrom || a.emailTo.length > 0) && (
        <Text size="xs" c="dimmed">
          {a.emailFrom && `${t('activity.item.from')}: ${a.emailFrom}`}{a.emailFrom && a.emailTo.length ? ' · ' : ''}
          {a.emailTo.length > 0 && `${t('activity.item.to')}: ${a.emailTo.join(', ')}`}
        </Text>
      )}
      <Html html={a.body} />
      <AttachmentLinks items={a.attachments} />
    </Stack>
  );
}

/** The "…" menu of an activity: Edit (one's own notes) and Delete (the server checks the role and scope). */
export function ActivityMenu({ a, onChanged, onEdit }: { a: Activity; onChanged: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const confirm = useConfirm();
  const remove = async () => {
    if (!(await confirm({ title: t('activity.item.deleteActivityTitle'), message: t('activity.item.deleteActivityMessage'), confirmLabel: t('activity.item.deleteActivity') }))) return;
    try {
      await api.delete(`/activities/${a.id}`);
      notifySuccess(t('activity.item.activityDeleted'));
      onChanged();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const own = a.type === 'note' && (a.ownerId === me.id || a.createdBy === me.id);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('activity.actions')} data-testid="timeline-item-menu"><IconDots size={14} /></ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {own && <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="timeline-item-edit">{t('activity.edit.action')}</Menu.Item>}
        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} data-testid="timeline-item-delete">
          {t('activity.item.deleteActivity')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
