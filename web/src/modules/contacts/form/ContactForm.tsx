/**
 * Create / edit a contact in a drawer: names, emails and phones (one primary each; phones show the
 * E.164 form the server stored), addresses, social profiles, work, owner/team/tags/stage/source,
 * consent per channel, custom fields by type; a duplicate warning while typing. Saving keeps the drawer
 * open and reloads it from the server's answer, so the user sees what was stored.
 * The drawer is here; the form (ContactFormBody.tsx, with its inputs, date picker and custom fields) loads when the
 * drawer first opens, so the list page does not carry it (scripts/web-budgets.json).
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCustomFields, type Contact } from '../data';
import { FormDrawer, useRecord } from './FormShell';

const ContactForm = lazy(async () => ({ default: (await import('./ContactFormBody')).ContactForm }));

/** The contact form in a drawer: `id` 'new' creates, an id edits, null keeps it closed. */
export function ContactFormDrawer({ id, onClose, onSaved }: { id: string | null; onClose: () => void; onSaved?: (c: Contact) => void }) {
  const { t } = useTranslation();
  const [savedId, setSavedId] = useState<string | null>(null);
  const current = id === 'new' ? savedId : id;
  const record = useRecord<Contact>('contact', current);
  const defs = useCustomFields('contact');
  // Forget the record created in this session when the drawer opens afresh (not while it animates closed).
  useEffect(() => {
    if (id === 'new') setSavedId(null);
  }, [id]);
  const close = onClose;
  const ready = defs.isSuccess && (!current || record.isSuccess);
  return (
    <FormDrawer opened={id !== null} onClose={close} title={current ? t('contacts.editContact') : t('contacts.newContact')} entity="contact" id={current}>
      {id !== null && (record.error ? (
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      ) : !ready ? (
        <LoadingState />
      ) : (
        <Suspense fallback={<LoadingState />}>
          <ContactForm
            key={`${current ?? 'new'}-${record.data?.version ?? 0}`}
            contact={current ? record.data ?? null : null}
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
