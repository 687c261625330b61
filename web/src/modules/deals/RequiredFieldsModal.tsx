/**
 * The small form a stage move opens when the server answers that fields required to enter the stage are empty:
 * exactly those fields (the deals definition's inputs), then the move is retried with them.
 */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { FieldInput } from '../../ui/records/FieldInput';
import { useRecordType } from '../../ui/records/data';
import { localized } from '../../ui/records/types';

export interface RequiredAsk { stageName: string; keys: string[]; currency: string; submit: (values: Record<string, unknown>) => Promise<void> }

export function RequiredFieldsModal({ ask, onClose }: { ask: RequiredAsk | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { type } = useRecordType('deals');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const close = () => { setValues({}); setErrors({}); onClose(); };
  const fields = (ask?.keys ?? []).map((k) => type?.fields.find((f) => f.key === k)).filter((f) => !!f);
  const submit = async () => {
    if (!ask) return;
    setBusy(true);
    try {
      await ask.submit(values);
      close();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setErrors(Object.fromEntries(err.fields.map((f) => [f.path.replace(/^values\./, ''), f.message])));
      else setErrors({ _: errorMessage(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={!!ask} onClose={close} title={t('deals.board.required.title', { stage: ask?.stageName ?? '' })} data-testid="required-fields-form">
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Stack>
          <Text size="sm">{t('deals.board.required.intro')}</Text>
          {fields.map((f, i) => (
            <FieldInput key={f.key} f={{ ...f, required: true, currency: f.currency === '*' ? ask!.currency : f.currency }} label={localized(f.labels, i18n.language)} value={values[f.key] ?? null} autoFocus={i === 0}
              error={errors[f.key]} onChange={(v) => setValues((s) => ({ ...s, [f.key]: v }))} />
          ))}
          {errors._ && <Text c="red" size="sm">{errors._}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('deals.settings.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="required-fields-submit">{t('deals.board.required.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
