/**
 * The create/edit drawer of any object, generated from its definition: one input per live field in the
 * definition's order, required fields marked, client checks first (logic.checkValues), then the server's
 * field errors placed under their inputs; a failed submit focuses the first error. Edit sends only changed
 * values with If-Match. A changed form asks before it is closed or left (ui/forms/unsaved).
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { useUser } from '../../app/auth';
import { errorMessage } from '../errors';
import { FormAlert } from '../FormAlert';
import { DraftNotice, draftKey, useTextDrafts, withTextDrafts } from '../forms/drafts';
import { useFocusFirstError } from '../forms/focus';
import { GuardedDrawer, useUnsavedGuard } from '../forms/unsaved';
import { notifySuccess } from '../notify';
import { LoadingState } from '../states';
import { objectPath, relationInclude, useRecord } from './data';
import { FieldInput } from './FieldInput';
import { RecordFiles } from './RecordFiles';
import { changedValues, checkValues, createValues, fieldOfPath, liveFields } from './logic';
import { localized, typeLabel, type FieldFile, type RecordItem, type RecordType } from './types';

interface Props {
  type: RecordType;
  /** 'new', a record id, or null (closed). */
  id: string | null;
  onClose: () => void;
  /** Values a new record starts with (e.g. the relation to the page it was created from). */
  preset?: Record<string, unknown>;
  onSaved?: (r: RecordItem) => void;
}

function defaults(type: RecordType, preset: Record<string, unknown> = {}): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const f of liveFields(type.fields)) if (f.default !== undefined && f.default !== null) v[f.key] = f.default;
  return { ...v, ...preset };
}

function Body({ type, record, onClose, preset, onSaved }: { type: RecordType; record: RecordItem | null; onClose: () => void; preset?: Record<string, unknown>; onSaved?: (r: RecordItem) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const path = objectPath(type.name);
  const fields = liveFields(type.fields).filter((f) => !f.readOnly && f.type !== 'attachments');
  const fileFields = liveFields(type.fields).filter((f) => f.type === 'attachments');
  // Long texts are kept as a draft per user and record: a reload or a closed tab does not lose them.
  const user = useUser();
  const longTexts = fields.filter((f) => f.type === 'long_text').map((f) => f.key);
  const key = longTexts.length ? draftKey(user.id, type.name, record?.id ?? 'new', 'record-form') : null;
  const [base] = useState<Record<string, unknown>>(() => (record ? { ...record.values } : defaults(type, preset)));
  const [values, setValues] = useState<Record<string, unknown>>(() => withTextDrafts(key, longTexts, base));
  const draft = useTextDrafts(key, longTexts, base, values);
  const initial = useRef(base);
  const latest = useRef(values);
  latest.current = values;
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();
  const guard = useUnsavedGuard(() => JSON.stringify(latest.current) !== JSON.stringify(initial.current));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const singular = typeLabel(type, i18n.language, 'singular');

  const set = (key: string, v: unknown) => {
    setValues((x) => ({ ...x, [key]: v }));
    setErrors((e) => (e[key] ? { ...e, [key]: '' } : e));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const found = checkValues(fields, values);
    setErrors(Object.fromEntries(Object.entries(found).map(([k, key]) => [k, t(key)])));
    if (Object.keys(found).length) {
      focusError();
      return;
    }
    setSaving(true);
    try {
      const saved = record
        ? await api.patch<RecordItem>(`${path}/${record.id}`, { values: changedValues(fields, record.values, values) }, { version: record.version })
        : await api.post<RecordItem>(path, { values: createValues(fields, values) });
      await qc.invalidateQueries({ queryKey: [path] });
      await qc.invalidateQueries({ queryKey: ['/objects/by-relation'] });
      notifySuccess(t(record ? 'records.updated' : 'records.created', { name: saved.title || singular }));
      guard.allow();
      draft.clear();
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setStale(true);
      else if (err instanceof ApiError && err.fields.length) {
        const next: Record<string, string> = {};
        const rest: string[] = [];
        for (const fe of err.fields) {
          const key = fieldOfPath(fe.path);
          if (fields.some((f) => f.key === key)) next[key] = next[key] || fe.message;
          else rest.push(fe.message);
        }
        setErrors(next);
        setFormError(rest.length ? rest.join(' ') : null);
        focusError();
      } else {
        setFormError(errorMessage(err, t));
        focusError();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="record-form">
      <Stack gap="sm">
        {stale && (
          <Alert color="yellow" data-testid="form-stale">
            <Text size="sm">{t('records.staleForm')}</Text>
          </Alert>
        )}
        {draft.restored && (
          <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => {
            draft.clear();
            setValues((v) => ({ ...v, ...Object.fromEntries(longTexts.map((k) => [k, base[k]])) }));
          }} />
        )}
        <FormAlert message={formError} />
        {fields.map((f) => (
          <FieldInput
            key={f.key} f={f} label={localized(f.labels, i18n.language)} value={values[f.key]} onChange={(v) => set(f.key, v)}
            error={errors[f.key] || undefined} valueTitle={record?.included?.[f.key]?.title} valueTitles={record?.includedMany?.[f.key]}
          />
        ))}
        {/* Files go to an existing record: in the edit form (after create), not in the create form. */}
        {fileFields.map((f) => (
          <Stack key={f.key} gap={4}>
            <Text size="sm" fw={500}>{localized(f.labels, i18n.language)}</Text>
            {record
              ? record.masked.includes(f.key)
                ? <Text size="sm" c="dimmed">{t('records.masked')}</Text>
                : <RecordFiles object={type.name} id={record.id} f={f} files={(record.values[f.key] as FieldFile[] | null) ?? []} canEdit={type.permissions.update} />
              : <Text size="sm" c="dimmed" data-testid={`files-after-create-${f.key}`}>{t('records.files.afterCreate')}</Text>}
          </Stack>
        ))}
        {fields.length === 0 && <Text size="sm" c="dimmed">{t('records.noFields')}</Text>}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={() => guard.close(onClose)} data-testid="form-cancel">{t('common.cancel')}</Button>
          <Button type="submit" loading={saving} data-testid="form-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RecordFormDrawer({ type, id, onClose, preset, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const editing = id && id !== 'new' ? id : '';
  const rec = useRecord(type.name, editing, relationInclude(type));
  const singular = typeLabel(type, i18n.language, 'singular');
  // A drawer reopened for another record starts from that record.
  const [nonce, setNonce] = useState(0);
  useEffect(() => setNonce((n) => n + 1), [id]);
  return (
    <GuardedDrawer
      opened={id !== null} onClose={onClose} position="right" size="md"
      title={t(editing ? 'records.editTitle' : 'records.newTitle', { name: singular })}
    >
      {id === null ? null : editing && rec.isPending ? <LoadingState /> : editing && rec.error ? (
        <FormAlert message={errorMessage(rec.error, t)} />
      ) : (
        <Body key={`${id}-${nonce}-${rec.data?.version ?? 0}`} type={type} record={editing ? rec.data ?? null : null} onClose={onClose} preset={preset} onSaved={onSaved} />
      )}
    </GuardedDrawer>
  );
}
