/**
 * Creating a custom object (or relabelling one): singular and plural labels in English and Vietnamese, the
 * API name (derived from the English plural until edited by hand; fixed once created) and an icon.
 */
import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { notifySuccess } from '../../../ui/notify';
import { TYPES_KEY } from '../../../ui/records/data';
import { OBJECT_ICONS } from '../../../ui/records/icons';
import { apiName } from '../../../ui/records/logic';
import type { RecordType, RecordTypeInput } from '../../../ui/records/types';
import { placeErrors } from './errors';

const KNOWN = ['name', 'icon', 'labels.en.singular', 'labels.en.plural', 'labels.vi.singular', 'labels.vi.plural'];

export function ObjectForm({ type, onDone, onCancel }: { type?: RecordType; onDone: (t: RecordType) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({
    enSingular: type?.labels.en.singular ?? '', enPlural: type?.labels.en.plural ?? '',
    viSingular: type?.labels.vi.singular ?? '', viPlural: type?.labels.vi.plural ?? '',
    name: type?.name ?? '', icon: type?.icon ?? 'box',
  });
  const [nameTouched, setNameTouched] = useState(Boolean(type));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: keyof typeof v, val: string) => setV((x) => {
    const n = { ...x, [k]: val };
    if (k === 'enPlural' && !nameTouched) n.name = apiName(val);
    return n;
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const req: Record<string, string> = {};
    const need: [keyof typeof v, string][] = [['enSingular', 'labels.en.singular'], ['enPlural', 'labels.en.plural'], ['viSingular', 'labels.vi.singular'], ['viPlural', 'labels.vi.plural'], ['name', 'name']];
    for (const [k, path] of need) if (!v[k].trim()) req[path] = t('validation.required');
    setErrors(req);
    setFormError(null);
    if (Object.keys(req).length) return;
    const labels = { en: { singular: v.enSingular.trim(), plural: v.enPlural.trim() }, vi: { singular: v.viSingular.trim(), plural: v.viPlural.trim() } };
    setSaving(true);
    try {
      const saved = type
        ? await api.patch<RecordType>(`/record-types/${type.name}`, { labels, icon: v.icon })
        : await api.post<RecordType>('/record-types', { name: v.name, labels, icon: v.icon } satisfies RecordTypeInput);
      await qc.invalidateQueries({ queryKey: TYPES_KEY });
      notifySuccess(t(type ? 'records.settings.objectSaved' : 'records.settings.objectCreated', { name: labels.en.singular }));
      onDone(saved);
    } catch (err) {
      const placed = placeErrors(err, KNOWN, errorMessage(err, t));
      setErrors(placed.fields);
      setFormError(placed.form);
    } finally {
      setSaving(false);
    }
  };

  const icons = Object.keys(OBJECT_ICONS).map((k) => ({ value: k, label: k }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="object-form">
      <Stack gap="sm">
        <FormAlert message={formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('records.settings.singularEn')} required value={v.enSingular} onChange={(e) => set('enSingular', e.currentTarget.value)} error={errors['labels.en.singular']} data-testid="object-en-singular" data-autofocus />
          <TextInput label={t('records.settings.pluralEn')} required value={v.enPlural} onChange={(e) => set('enPlural', e.currentTarget.value)} error={errors['labels.en.plural']} data-testid="object-en-plural" />
          <TextInput label={t('records.settings.singularVi')} required value={v.viSingular} onChange={(e) => set('viSingular', e.currentTarget.value)} error={errors['labels.vi.singular']} data-testid="object-vi-singular" />
          <TextInput label={t('records.settings.pluralVi')} required value={v.viPlural} onChange={(e) => set('viPlural', e.currentTarget.value)} error={errors['labels.vi.plural']} data-testid="object-vi-plural" />
        </SimpleGrid>
        <TextInput
          label={t('records.settings.apiName')} description={type ? t('records.settings.apiNameFixed') : t('records.settings.apiNameHelp')} required disabled={Boolean(type)}
          value={v.name} onChange={(e) => { setNameTouched(true); set('name', e.currentTarget.value); }} error={errors.name} data-testid="object-name"
        />
        <Select label={t('records.settings.icon')} data={icons} value={v.icon} onChange={(x) => x && set('icon', x)} allowDeselect={false} error={errors.icon} data-testid="object-icon"
          renderOption={({ option }) => { const I = OBJECT_ICONS[option.value]!; return <Group gap="xs"><I size={16} /><Text size="sm">{option.label}</Text></Group>; }} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={saving} data-testid="object-submit">{type ? t('common.save') : t('records.settings.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
