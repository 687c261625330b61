/**
 * Create / edit a company in a drawer: name, domain, industry, size, phones (E.164 shown after saving),
 * addresses, parent company, owner, team, tags, custom fields.
 * The drawer is here; the form (CompanyFormBody.tsx, with its inputs, date picker and custom fields) loads when the
 * drawer first opens, so the list page does not carry it (scripts/web-budgets.json).
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCustomFields, type Company } from '../data';
import { FormDrawer, useRecord } from './FormShell';

const CompanyForm = lazy(async () => ({ default: (await import('./CompanyFormBody')).CompanyForm }));

export function CompanyFormDrawer({ id, onClose, onSaved }: { id: string | null; onClose: () => void; onSaved?: (c: Company) => void }) {
  const { t } = useTranslation();
  const [savedId, setSavedId] = useState<string | null>(null);
  const current = id === 'new' ? savedId : id;
  const record = useRecord<Company>('company', current);
  const defs = useCustomFields('company');
  // Forget the record created in this session when the drawer opens afresh (not while it animates closed).
  useEffect(() => {
    if (id === 'new') setSavedId(null);
  }, [id]);
  const close = onClose;
  const ready = defs.isSuccess && (!current || record.isSuccess);
  return (
    <FormDrawer opened={id !== null} onClose={close} title={current ? t('contacts.editCompany') : t('contacts.newCompany')} entity="company" id={current}>
      {id !== null && (record.error ? (
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      ) : !ready ? (
        <LoadingState />
      ) : (
        <Suspense fallback={<LoadingState />}>
          <CompanyForm
            key={`${current ?? 'new'}-${record.data?.version ?? 0}`}
            company={current ? record.data ?? null : null}
            onClose={close}
            onSaved={(c) => {
              setSavedId(c.id);
              onSaved?.(c);
            }}
          />
        </Suspense>
      ))}
    </FormDrawer>
  );
}
