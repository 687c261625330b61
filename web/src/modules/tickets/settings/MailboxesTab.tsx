/**
 * Support mailboxes read over IMAP: list with the last poll and its error, add/edit (the password is write-only: empty
 * keeps the stored one), test the connection, poll now, pause, delete.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, NumberInput, PasswordInput, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailboxPollResult, MailboxTestResult, TicketMailbox, TicketMailboxInput } from '../../../../../contracts/ticket-mailboxes';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { formatDateTime } from '../../../ui/format';
import { notifyError } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDirectory } from '../data';
import { useSettingsList } from './shared';
import { useSaveDialog } from '../../../ui/forms/save-dialog';

export const MAILBOXES_PATH = '/ticket-mailboxes';
type Draft = Required<Omit<TicketMailboxInput, 'password'>> & { password: string };

const draftOf = (m: TicketMailbox | null): Draft => m
  ? { name: m.name, host: m.host, port: m.port, tls: m.tls, username: m.username, password: '', folder: m.folder, afterAction: m.afterAction, moveTo: m.moveTo, teamId: m.teamId, enabled: m.enabled }
  : { name: '', host: '', port: 993, tls: true, username: '', password: '', folder: 'INBOX', afterAction: 'seen', moveTo: null, teamId: null, enabled: true };

function MailboxForm({ mailbox, onClose }: { mailbox: TicketMailbox | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dir = useDirectory();
  const [d, setD] = useState<Draft>(() => draftOf(mailbox));
  const { errors, busy, save: saveAs } = useSaveDialog({ path: MAILBOXES_PATH, savedMessage: t('ticketMail.mailboxes.saved'), onClose });
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const save = () => {
    const { password, ...rest } = d;
    return saveAs({ ...rest, moveTo: d.afterAction === 'move' ? d.moveTo : null, ...(password ? { password } : {}) }, mailbox?.id ?? null);
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg" title={mailbox ? t('ticketMail.mailboxes.edit') : t('ticketMail.mailboxes.new')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="mailbox-form">
        <Stack>
          <TextInput label={t('ticketMail.mailboxes.name')} required value={d.name} error={errors.name} onChange={(e) => set({ name: e.currentTarget.value })} data-testid="mailbox-name" />
          <Group grow align="flex-start">
            <TextInput label={t('ticketMail.mailboxes.host')} required value={d.host} error={errors.host} onChange={(e) => set({ host: e.currentTarget.value })} placeholder="imap.example.vn" data-testid="mailbox-host" />
            <NumberInput label={t('ticketMail.mailboxes.port')} required min={1} max={65535} value={d.port} error={errors.port} onChange={(v) => set({ port: Number(v) || 0 })} data-testid="mailbox-port" maw={140} />
          </Group>
          <Switch label={t('ticketMail.mailboxes.tls')} description={t('ticketMail.mailboxes.tlsHint')} checked={d.tls}
            onChange={(e) => { const tls = e.currentTarget.checked; set({ tls, port: tls && d.port === 143 ? 993 : !tls && d.port === 993 ? 143 : d.port }); }} />
          <Group grow align="flex-start">
            <TextInput label={t('ticketMail.mailboxes.username')} required value={d.username} error={errors.username} onChange={(e) => set({ username: e.currentTarget.value })} autoComplete="off" data-testid="mailbox-username" />
            <PasswordInput label={t('ticketMail.mailboxes.password')} required={!mailbox} value={d.password} error={errors.password} autoComplete="new-password"
              description={mailbox?.hasPassword ? t('ticketMail.mailboxes.passwordKept') : undefined} onChange={(e) => set({ password: e.currentTarget.value })} data-testid="mailbox-password" />
          </Group>
          <TextInput label={t('ticketMail.mailboxes.folder')} required value={d.folder} error={errors.folder} onChange={(e) => set({ folder: e.currentTarget.value })} data-testid="mailbox-folder" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="mailbox-after-label">{t('ticketMail.mailboxes.afterAction')}</Text>
            <SegmentedControl aria-labelledby="mailbox-after-label" value={d.afterAction} onChange={(v) => set({ afterAction: v as 'seen' | 'move' })}
              data={[{ value: 'seen', label: t('ticketMail.mailboxes.afterSeen') }, { value: 'move', label: t('ticketMail.mailboxes.afterMove') }]} />
          </Stack>
          {d.afterAction === 'move' && (
            <TextInput label={t('ticketMail.mailboxes.moveTo')} required value={d.moveTo ?? ''} error={errors.moveTo} onChange={(e) => set({ moveTo: e.currentTarget.value || null })} data-testid="mailbox-move-to" />
          )}
          <Select label={t('ticketMail.mailboxes.team')} description={t('ticketMail.mailboxes.teamHint')} clearable placeholder={t('ticketMail.mailboxes.noTeam')} value={d.teamId} error={errors.teamId}
            data={(dir.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} onChange={(v) => set({ teamId: v })} />
          <Switch label={t('ticketMail.mailboxes.enabled')} checked={d.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="mailbox-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MailboxCard({ m, onEdit }: { m: TicketMailbox; onEdit: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const dir = useDirectory();
  const [busy, setBusy] = useState<'test' | 'poll' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [MAILBOXES_PATH] });
  const run = async (what: 'test' | 'poll') => {
    setBusy(what);
    setResult(null);
    try {
      if (what === 'test') {
        const r = await api.post<MailboxTestResult>(`${MAILBOXES_PATH}/${m.id}/test`);
        setResult(r.ok ? { ok: true, text: t('ticketMail.mailboxes.testOk', { count: r.unseen ?? 0 }) } : { ok: false, text: t('ticketMail.mailboxes.testFailed', { error: r.error }) });
      } else {
        const r = await api.post<MailboxPollResult>(`${MAILBOXES_PATH}/${m.id}/poll`);
        setResult(r.error ? { ok: false, text: t('ticketMail.mailboxes.testFailed', { error: r.error }) } : r.polled ? { ok: true, text: t('ticketMail.mailboxes.polled', { count: r.fetched }) } : { ok: false, text: t('ticketMail.mailboxes.pollBusy') });
      }
      await refresh();
    } catch (err) {
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };
  const remove = async () => {
    if (!(await confirm({ title: t('ticketMail.mailboxes.delete'), message: t('ticketMail.mailboxes.deleteConfirm', { name: m.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(`${MAILBOXES_PATH}/${m.id}`);
      await refresh();
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const team = m.teamId ? dir.data?.teams.find((x) => x.id === m.teamId)?.name ?? '…' : t('ticketMail.mailboxes.noTeam');
  return (
    <Card withBorder radius="md" data-testid="mailbox-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{m.name}</Text>
            <Badge variant="light" color={m.enabled ? 'teal' : 'gray'} tt="none">{m.enabled ? t('ticketMail.mailboxes.enabledBadge') : t('ticketMail.mailboxes.disabledBadge')}</Badge>
            {m.tls && <Badge variant="outline" color="gray" tt="none">TLS</Badge>}
          </Group>
          <Text size="sm" c="dimmed">{t('ticketMail.mailboxes.server', { host: m.host, port: m.port, user: m.username, folder: m.folder })}</Text>
          <Text size="sm">{t('ticketMail.mailboxes.team')}: {team}</Text>
          <Text size="sm">{t('ticketMail.mailboxes.lastPoll')}: {m.lastPollAt ? formatDateTime(m.lastPollAt) : t('ticketMail.mailboxes.never')}</Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" size="xs" loading={busy === 'test'} onClick={() => void run('test')} aria-label={`${t('ticketMail.mailboxes.test')} ${m.name}`}>{t('ticketMail.mailboxes.test')}</Button>
          <Button variant="default" size="xs" loading={busy === 'poll'} disabled={!m.enabled} onClick={() => void run('poll')} aria-label={`${t('ticketMail.mailboxes.pollNow')} ${m.name}`}>{t('ticketMail.mailboxes.pollNow')}</Button>
          <Button variant="default" size="xs" onClick={onEdit} aria-label={`${t('common.edit')} ${m.name}`}>{t('common.edit')}</Button>
          <Button variant="subtle" color="red" size="xs" onClick={() => void remove()} aria-label={`${t('common.delete')} ${m.name}`}>{t('common.delete')}</Button>
        </Group>
      </Group>
      {m.lastError && <Alert mt="sm" color="red" variant="light" title={t('ticketMail.mailboxes.lastError')} data-testid="mailbox-error">{m.lastError}</Alert>}
      {result && <Alert mt="sm" color={result.ok ? 'teal' : 'red'} variant="light" role="status" data-testid="mailbox-result">{result.text}</Alert>}
    </Card>
  );
}

export function MailboxesTab() {
  const { t } = useTranslation();
  const list = useSettingsList<TicketMailbox>(MAILBOXES_PATH);
  const [editing, setEditing] = useState<TicketMailbox | 'new' | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="mailbox-new">{t('ticketMail.mailboxes.new')}</Button>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('ticketMail.mailboxes.intro')}</Text>
      {list.data.length === 0 ? <EmptyState title={t('ticketMail.mailboxes.empty')} description={t('ticketMail.mailboxes.emptyHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {list.data.map((m) => <MailboxCard key={m.id} m={m} onEdit={() => setEditing(m)} />)}
        </>
      )}
      {editing && <MailboxForm mailbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
