/**
 * The save routine of a settings dialog: PUT the edited item or POST a new one, say "saved", refresh the list and
 * close; on failure keep the dialog open with each server message on its field (`errors['hours.0.end']`) and a toast.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { errorMessage } from '../errors';
import { notifyError, notifySuccess } from '../notify';

/** The server's 400 as `{ path: message }` (e.g. `hours.0.end`), to show each message on its field. */
export const fieldErrors = (err: unknown): Record<string, string> =>
  err instanceof ApiError ? Object.fromEntries(err.fields.map((f) => [f.path, f.message])) : {};

export interface SaveDialogOptions {
  /** The list's path (`/warehouses`): POST here to create, PUT `<path>/<id>` to update; also the query key refreshed. */
  path: string;
  /** PUT `path` itself whatever the item (a settings slot written whole), instead of POST / PUT `<path>/<id>`. */
  replace?: boolean;
  /** The toast shown after saving. */
  savedMessage: string;
  onClose: () => void;
}

export function useSaveDialog({ path, replace, savedMessage, onClose }: SaveDialogOptions) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** Saves `body` as the item `id` (null: a new one). */
  const save = async (body: unknown, id: string | null = null) => {
    setBusy(true);
    setErrors({});
    try {
      if (replace) await api.put(path, body);
      else if (id) await api.put(`${path}/${id}`, body);
      else await api.post(path, body);
      notifySuccess(savedMessage);
      await qc.invalidateQueries({ queryKey: [path] });
      onClose();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, save };
}
