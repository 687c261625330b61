/**
 * A ticket's conversation: the thread of public replies and internal notes (GET /tickets/{id}/messages), and the
 * composer — Reply / Internal note, a canned response picker, the status the ticket takes on sending ("Send and set
 * waiting"), Ctrl+Enter to send. `r` / `n` (ticket page shortcuts) open it in reply / note mode.
 */
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { Badge, Button, Card, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { renderCanned } from '../../../../../contracts/ticket-placeholders';
import type { TicketMessage, TicketMessageInput } from '../../../../../contracts/ticket-messages';
import type { CannedResponse } from '../../../../../contracts/ticket-workspace';
import { api } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { errorMessage } from '../../../ui/errors';
import { formatDateTime } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { objectPath } from '../../../ui/records/data';
import type { RecordItem } from '../../../ui/records/types';
import { CannedPicker } from './CannedPicker';
import { ComposerAttachments, toAttachmentInput } from './ComposerAttachments';
import { insertAt } from './logic';

type Kind = TicketMessageInput['kind'];
type AfterStatus = NonNullable<TicketMessageInput['status']>;
const AFTER: AfterStatus[] = ['open', 'waiting_on_customer', 'on_hold', 'solved'];
const KEEP = 'keep';

export interface ComposerHandle {
  /** Opens the composer in a mode and puts the cursor in it. */
  open(kind: Kind): void;
}

function Message({ m }: { m: TicketMessage }) {
  const { t } = useTranslation();
  const note = m.kind === 'note';
  const who = m.author?.name ?? m.fromAddress ?? t('tickets.workspace.requester');
  return (
    <Paper withBorder p="sm" radius="md" data-testid="ticket-message" data-kind={m.kind}
      bg={note ? 'var(--mantine-color-yellow-light)' : m.direction === 'in' ? undefined : 'var(--mantine-color-blue-light)'}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Group gap={6}>
          <Text size="sm" fw={600}>{who}</Text>
          {note && <Badge size="xs" color="dark" variant="outline">{t('tickets.workspace.note')}</Badge>}
          {m.kind === 'reply' && m.direction === 'out' && m.mailStatus === 'failed' && <Badge size="xs" color="red" variant="light">{t('tickets.workspace.mailFailed')}</Badge>}
        </Group>
        <Text size="xs" c="dimmed">{formatDateTime(m.createdAt)}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.bodyText}</Text>
      {m.attachments.length > 0 && (
        <Group gap={6} mt={6}>
          {m.attachments.map((a) => <Badge key={a.id} component="a" href={a.url} download={a.filename} data-testid="message-attachment" variant="outline" tt="none" style={{ cursor: 'pointer' }}>{a.filename}</Badge>)}
        </Group>
      )}
    </Paper>
  );
}

export const Conversation = forwardRef<ComposerHandle, { rec: RecordItem; onReplying: (replying: boolean) => void }>(function Conversation({ rec, onReplying }, ref) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useUser();
  const path = `/tickets/${rec.id}/messages`;
  const messages = useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<{ data: TicketMessage[] }>(path, undefined, { signal }), select: (d) => d.data });
  const [kind, setKind] = useState<Kind>('reply');
  const [body, setBody] = useState('');
  const [after, setAfter] = useState<string>(KEEP);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const box = useRef<HTMLTextAreaElement>(null);
  const closed = rec.values.status === 'closed';
  useImperativeHandle(ref, () => ({ open: (k) => { setKind(k); requestAnimationFrame(() => box.current?.focus()); } }), []);

  const change = (v: string) => {
    setBody(v);
    onReplying(v.trim() !== '');
  };
  const pick = (c: CannedResponse) => {
    const requester = rec.included?.requester?.title ?? null;
    const text = renderCanned(c.body, { 'requester.name': requester, 'ticket.number': typeof rec.values.number === 'string' ? rec.values.number : null, 'ticket.subject': rec.title, 'agent.name': me.name });
    const at = box.current?.selectionStart ?? body.length;
    const next = insertAt(body, at, text);
    change(next.text);
    requestAnimationFrame(() => { box.current?.focus(); box.current?.setSelectionRange(next.cursor, next.cursor); });
  };
  const send = async () => {
    if (busy) return;
    if (!body.trim()) return setError(t('tickets.workspace.bodyRequired'));
    setBusy(true);
    setError(null);
    try {
      const input: TicketMessageInput = {
        kind, body, ...(kind === 'reply' && after !== KEEP ? { status: after as AfterStatus } : {}),
        ...(files.length ? { attachments: await toAttachmentInput(files) } : {}),
      };
      await api.post(path, input);
      change('');
      setFiles([]);
      setAfter(KEEP);
      notifySuccess(kind === 'note' ? t('tickets.workspace.noteAdded') : t('tickets.workspace.replySent'));
      await Promise.all([qc.invalidateQueries({ queryKey: [path] }), qc.invalidateQueries({ queryKey: [objectPath('tickets')] })]);
    } catch (err) {
      const msg = errorMessage(err, t);
      setError(msg);
      notifyError(msg);
    } finally {
      setBusy(false);
    }
  };
  const statusLabel = (s: string) => t(`tickets.workspace.statuses.${s}`);
  const sendLabel = kind === 'note' ? t('tickets.workspace.addNote') : after === KEEP ? t('tickets.workspace.send') : t('tickets.workspace.sendAndSet', { status: statusLabel(after) });

  return (
    <Card withBorder radius="md" data-testid="ticket-conversation">
      <Title order={3} size="h5" mb="sm">{t('tickets.workspace.conversation')}</Title>
      <Stack gap="sm">
        {messages.isPending ? <Text size="sm" c="dimmed">{t('tickets.workspace.loading')}</Text> : messages.error ? (
          <Text size="sm" c="red">{errorMessage(messages.error, t)}</Text>
        ) : (messages.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="conversation-empty">{t('tickets.workspace.noMessages')}</Text>
        ) : (
          <Stack gap="xs" data-testid="ticket-thread">{messages.data!.map((m) => <Message key={m.id} m={m} />)}</Stack>
        )}
        {!closed && (
          <Stack gap="xs" data-testid="ticket-composer">
            <Group justify="space-between" gap="xs">
              <SegmentedControl size="xs" value={kind} onChange={(v) => setKind(v as Kind)} data-testid="composer-kind"
                data={[{ value: 'reply', label: t('tickets.workspace.reply') }, { value: 'note', label: t('tickets.workspace.note') }]} />
              <CannedPicker language={rec.values.language === 'vi' ? 'vi' : 'en'} onPick={pick} />
            </Group>
            <Textarea
              ref={box} autosize minRows={4} maxRows={16} value={body} error={error} data-testid="composer-body"
              label={kind === 'note' ? t('tickets.workspace.noteLabel') : t('tickets.workspace.replyLabel')}
              description={t('tickets.workspace.shortcutsHint')}
              styles={kind === 'note' ? { input: { background: 'var(--mantine-color-yellow-light)' } } : undefined}
              onChange={(e) => change(e.currentTarget.value)}
              onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void send(); } }}
            />
            <ComposerAttachments files={files} onChange={setFiles} onError={(m) => { setError(m); notifyError(m); }} disabled={busy} />
            <Group justify="flex-end" gap="xs">
              {kind === 'reply' && (
                <Select size="xs" w={230} aria-label={t('tickets.workspace.statusAfter')} value={after} allowDeselect={false} onChange={(v) => v && setAfter(v)} data-testid="composer-status"
                  data={[{ value: KEEP, label: t('tickets.workspace.keepStatus') }, ...AFTER.map((s) => ({ value: s, label: t('tickets.workspace.setStatus', { status: statusLabel(s) }) }))]} />
              )}
              <Button size="xs" loading={busy} onClick={() => void send()} data-testid="composer-send">{sendLabel}</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
});
