/** Header actions of a quote's record page: Download PDF, Send (modal), Approve, Revise, Create contract, Create order. */
import { useState } from 'react';
import { Anchor, Button, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCheck, IconDownload, IconFileCertificate, IconPencilPlus, IconSend, IconShoppingCart } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { objectPath, recordHref } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

export function useQuoteRefresh(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: [objectPath('quotes')] });
    void qc.invalidateQueries({ queryKey: ['/quotes', id, 'lines'] });
  };
}

function SendModal({ rec, opened, onClose }: { rec: RecordItem; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const refresh = useQuoteRefresh(rec.id);
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const [lang, setLang] = useState<string>(typeof rec.values.language === 'string' ? rec.values.language : i18n.language.startsWith('vi') ? 'vi' : 'en');
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    try {
      const out = await api.post<{ sentTo: string; link: string }>(`/quotes/${rec.id}/send`, { to: to.trim() || undefined, message: message.trim() || undefined, lang });
      setLink(out.link);
      notifySuccess(t('quotes.send.sent', { to: out.sentTo }));
      refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('quotes.send.title')}>
      {link ? (
        <Stack>
          <Text size="sm">{t('quotes.send.link')}</Text>
          <Anchor href={link} data-testid="quote-link" style={{ wordBreak: 'break-all' }}>{link}</Anchor>
        </Stack>
      ) : (
        <Stack>
          <TextInput label={t('quotes.send.to')} type="email" value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="send-to" />
          <Select label={t('quotes.send.language')} value={lang} onChange={(v) => setLang(v ?? 'vi')} allowDeselect={false}
            data={[{ value: 'vi', label: t('languages.vi') }, { value: 'en', label: t('languages.en') }]} />
          <Textarea label={t('quotes.send.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} autosize minRows={3} />
          <Button leftSection={<IconSend size={16} />} loading={busy} onClick={() => void send()} data-testid="send-submit">{t('quotes.send.submit')}</Button>
        </Stack>
      )}
    </Modal>
  );
}

export function QuoteActions({ rec }: { rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const refresh = useQuoteRefresh(rec.id);
  const [sending, setSending] = useState(false);
  const status = String(rec.values.status ?? '');
  const lang = typeof rec.values.language === 'string' ? rec.values.language : i18n.language.startsWith('vi') ? 'vi' : 'en';
  const act = async (fn: () => Promise<void>) => { try { await fn(); } catch (e) { notifyError(errorMessage(e, t)); } };
  return (
    <>
      <Button variant="light" component="a" href={`/api/v1/quotes/${rec.id}/pdf?lang=${lang}`} download leftSection={<IconDownload size={16} />} data-testid="quote-pdf">
        {t('quotes.actions.pdf')}
      </Button>
      {status === 'draft' && can(user, 'quotes', 'update') && (
        <Button leftSection={<IconSend size={16} />} onClick={() => setSending(true)} data-testid="quote-send">{t('quotes.actions.send')}</Button>
      )}
      {status === 'pending_approval' && can(user, 'quotes', 'manage') && (
        <Button color="orange" leftSection={<IconCheck size={16} />} data-testid="quote-approve"
          onClick={() => void act(async () => { await api.post(`/quotes/${rec.id}/approve`); notifySuccess(t('quotes.done.approved')); refresh(); })}>
          {t('quotes.actions.approve')}
        </Button>
      )}
      {['sent', 'declined', 'expired'].includes(status) && can(user, 'quotes', 'update') && (
        <Button variant="light" leftSection={<IconPencilPlus size={16} />} data-testid="quote-revise"
          onClick={() => void act(async () => {
            const out = await api.post<{ id: string }>(`/quotes/${rec.id}/revise`);
            notifySuccess(t('quotes.done.revised', { n: Number(rec.values.revision ?? 1) + 1 }));
            refresh();
            void navigate(recordHref('quotes', out.id));
          })}>
          {t('quotes.actions.revise')}
        </Button>
      )}
      {status === 'accepted' && can(user, 'contracts', 'create') && (
        <Button variant="light" color="green" leftSection={<IconFileCertificate size={16} />} data-testid="quote-contract"
          onClick={() => void act(async () => {
            const out = await api.post<{ id: string }>(`/quotes/${rec.id}/contract`, {});
            notifySuccess(t('quotes.done.contract'));
            void navigate(recordHref('contracts', out.id));
          })}>
          {t('quotes.actions.contract')}
        </Button>
      )}
      {status === 'accepted' && can(user, 'orders', 'create') && (
        <Button variant="light" leftSection={<IconShoppingCart size={16} />} data-testid="quote-order"
          onClick={() => void act(async () => {
            const out = await api.post<{ id: string }>(`/quotes/${rec.id}/order`, {});
            notifySuccess(t('quotes.done.order'));
            void navigate(recordHref('orders', out.id));
          })}>
          {t('quotes.actions.order')}
        </Button>
      )}
      {sending && <SendModal rec={rec} opened onClose={() => setSending(false)} />}
    </>
  );
}
