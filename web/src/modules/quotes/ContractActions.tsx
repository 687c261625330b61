/** Header action of a contract's record page: Renew (a new deal, and a quote when the contract came from one). */
import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
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

export function ContractActions({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (rec.values.status === 'renewed' || !can(user, 'contracts', 'update') || !can(user, 'deals', 'create')) return null;
  const renew = async () => {
    try {
      const out = await api.post<{ dealId: string }>(`/contracts/${rec.id}/renew`);
      notifySuccess(t('quotes.done.renewed'));
      void qc.invalidateQueries({ queryKey: [objectPath('contracts')] });
      void navigate(recordHref('deals', out.dealId));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  return <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={() => void renew()} data-testid="contract-renew">{t('quotes.actions.renew')}</Button>;
}
