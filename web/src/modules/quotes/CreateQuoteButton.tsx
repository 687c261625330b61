/** "Create quote" on a deal's page: a draft quote from the deal (its parties, currency and line items), then its page. */
import { Button } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { notifyError } from '../../ui/notify';
import { recordHref } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

export function CreateQuoteButton({ rec }: { rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  if (!can(user, 'quotes', 'create')) return null;
  const create = async () => {
    try {
      const out = await api.post<{ id: string }>('/quotes/from-deal', { dealId: rec.id, language: i18n.language.startsWith('vi') ? 'vi' : 'en' });
      void navigate(recordHref('quotes', out.id));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  return <Button variant="light" leftSection={<IconFileInvoice size={16} />} onClick={() => void create()} data-testid="deal-create-quote">{t('quotes.actions.createFromDeal')}</Button>;
}
