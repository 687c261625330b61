/**
 * The quarantine: received mail that could not become a ticket (GET /tickets-inbound?status=quarantined), each with its
 * reason. A mail opens in a viewer (parsed headers, text, attachments, source, download of the original) with the
 * actions "Create ticket from it" (optionally naming the requester's address) and "Discard" (kept as ignored).
 */
import { useState } from 'react';
import { Alert, Anchor, Button, Code, Group, Modal, ScrollArea, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InboundParsed } from '../../../../../contracts/ticket-mailboxes';
import type { InboundMail } from '../../../../../contracts/ticket-messages';
import { api, apiUrl } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { formatDateTime } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { fieldErrors } from './shared';

const INBOUND = '/tickets-inbound';
const QUARANTINE_KEY = [INBOUND, 'quarantined'];

function MailViewer({ mail, onClose }: { mail: InboundMail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const parsed = useQuery({ queryKey: [INBOUND, mail.id, 'parsed'], queryFn: ({ signal }) => api.get<InboundParsed>(`${INBOUND}/${mail.id}/parsed`, undefined, { signal }) });
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'ticket' | 'discard' | null>(null);
  const [done, setDone] = useState<InboundMail | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: QUARANTINE_KEY });
  const toTicket = async () => {
    setBusy('ticket');
    setError(undefined);
    try {
      const r = await api.post<InboundMail>(`${INBOUND}/${mail.id}/ticket`, email.trim() ? { email: email.trim() } : {});
      setDone(r);
      if (r.status === 'ticket') notifySuccess(t('ticketMail.quarantine.created'));
      await refresh();
    } catch (err) {
      setError(fieldErrors(err).email);
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };
  const discard = async () => {
    if (!(await confirm({ title: t('ticketMail.quarantine.discard'), message: t('ticketMail.quarantine.discardConfirm'), confirmLabel: t('ticketMail.quarantine.discard'), danger: true }))) return;
    setBusy('discard');
    try {
      await api.post(`${INBOUND}/${mail.id}/discard`);
      notifySuccess(t('ticketMail.quarantine.discarded'));
      await refresh();
      onClose();
    } catch (err) {
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };
  const p = parsed.data;
  const row = (label: string, value: string | null | undefined) => (
    <Table.Tr><Table.Th w={140} scope="row">{label}</Table.Th><Table.Td style={{ wordBreak: 'break-word' }}>{value || t('ticketMail.quarantine.unknown')}</Table.Td></Table.Tr>
  );
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="xl" title={t('ticketMail.quarantine.viewTitle')}>
      <Stack data-testid="quarantine-viewer">
        <Alert color="orange" variant="light" title={t('ticketMail.quarantine.reason')}>{mail.reason}</Alert>
        {parsed.error ? <ErrorState error={parsed.error} onRetry={() => void parsed.refetch()} /> : !p ? <LoadingState /> : (
          <>
            {p.error && <Alert color="red" variant="light">{t('ticketMail.quarantine.parseError', { error: p.error })}</Alert>}
            <Table withRowBorders={false} verticalSpacing={4}>
              <Table.Tbody>
                {row(t('ticketMail.quarantine.from'), p.from)}
                {row(t('ticketMail.quarantine.to'), p.to)}
                {row(t('ticketMail.quarantine.subject'), p.subject)}
                {row(t('ticketMail.quarantine.date'), p.date ? formatDateTime(p.date) : null)}
                {p.attachments.length > 0 && row(t('ticketMail.quarantine.attachments'), p.attachments.map((a) => a.filename || a.contentType).join(', '))}
              </Table.Tbody>
            </Table>
            <Stack gap={4}>
              <Text size="sm" fw={500}>{t('ticketMail.quarantine.body')}</Text>
              <ScrollArea.Autosize mah={220} type="auto"><Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="quarantine-text">{p.text}</Text></ScrollArea.Autosize>
            </Stack>
            <details>
              <summary><Text span size="sm" fw={500}>{t('ticketMail.quarantine.source')}</Text></summary>
              <ScrollArea.Autosize mah={240} type="auto"><Code block>{p.source}</Code></ScrollArea.Autosize>
            </details>
          </>
        )}
        <Anchor href={apiUrl(`${INBOUND}/${mail.id}/raw`)} size="sm">{t('ticketMail.quarantine.download')}</Anchor>
        {done ? (
          <Alert color={done.status === 'ticket' ? 'teal' : 'gray'} variant="light" role="status" data-testid="quarantine-done">
            {done.status === 'ticket' && done.ticketId
              ? <Anchor component={Link} to={`/tickets/${done.ticketId}`}>{t('ticketMail.quarantine.openTicket')}</Anchor>
              : t('ticketMail.quarantine.becameIgnored', { reason: done.reason ?? '' })}
          </Alert>
        ) : (
          <>
            <TextInput type="email" label={t('ticketMail.quarantine.requester')} description={t('ticketMail.quarantine.requesterHint')} value={email} error={error}
              onChange={(e) => setEmail(e.currentTarget.value)} data-testid="quarantine-email" />
            <Group justify="flex-end">
              <Button variant="subtle" color="red" loading={busy === 'discard'} disabled={!!busy} onClick={() => void discard()} data-testid="quarantine-discard">{t('ticketMail.quarantine.discard')}</Button>
              <Button loading={busy === 'ticket'} disabled={!!busy} onClick={() => void toTicket()} data-testid="quarantine-create">{t('ticketMail.quarantine.createTicket')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

export function QuarantineTab() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: QUARANTINE_KEY,
    queryFn: ({ signal }) => api.get<{ data: InboundMail[] }>(INBOUND, { status: 'quarantined', limit: 200 }, { signal }),
    select: (d) => d.data,
  });
  const [viewing, setViewing] = useState<InboundMail | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('ticketMail.quarantine.intro')}</Text>
      {list.data.length === 0 ? <EmptyState title={t('ticketMail.quarantine.empty')} description={t('ticketMail.quarantine.emptyHint')} /> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="quarantine-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ticketMail.quarantine.received')}</Table.Th>
                <Table.Th>{t('ticketMail.quarantine.from')}</Table.Th>
                <Table.Th>{t('ticketMail.quarantine.subject')}</Table.Th>
                <Table.Th>{t('ticketMail.quarantine.reason')}</Table.Th>
                <Table.Th><VisuallyHidden>{t('ticketMail.quarantine.view')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((m) => (
                <Table.Tr key={m.id} data-testid="quarantine-row">
                  <Table.Td>{formatDateTime(m.receivedAt)}</Table.Td>
                  <Table.Td>{m.fromAddress ?? t('ticketMail.quarantine.unknown')}</Table.Td>
                  <Table.Td>{m.subject ?? t('ticketMail.quarantine.noSubject')}</Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{m.reason}</Text></Table.Td>
                  <Table.Td>
                    <Button variant="default" size="xs" onClick={() => setViewing(m)} aria-label={`${t('ticketMail.quarantine.view')}: ${m.subject ?? t('ticketMail.quarantine.noSubject')}`}>{t('ticketMail.quarantine.view')}</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {viewing && <MailViewer mail={viewing} onClose={() => setViewing(null)} />}
    </Stack>
  );
}
