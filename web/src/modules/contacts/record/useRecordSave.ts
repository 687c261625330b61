import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useSaveRecord, type Company, type Contact, type Entity } from './data';
import { StaleError, type Save } from './fields/InlineEdit';

/**
 * The page's `save(patch)`: PATCH with If-Match, a "Saved" toast, and on 412 the stale banner (the
 * thrown StaleError keeps the field open so the user's input is not lost).
 */
export function useRecordSave<T extends Contact | Company>(entity: Entity, record: T | undefined) {
  const { t } = useTranslation();
  const mutation = useSaveRecord<T>(entity, record);
  const [stale, setStale] = useState(false);
  const save: Save = async (patch) => {
    try {
      await mutation.mutateAsync(patch);
      notifySuccess(t('record.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setStale(true);
        // The banner sits at the top of the page; the toast is seen wherever the user is editing.
        notifyError(t('record.stale'));
        throw new StaleError('stale');
      }
      throw e;
    }
  };
  return { save, stale, clearStale: () => setStale(false) };
}
