/**
 * Adding a field to an object (label en/vi, key derived from the English label, type, required, unique,
 * help; options with colours for select fields, the currency of a money field, the target of a relation)
 * or editing one (labels, help, required, options, archive — key, type, currency and target are fixed).
 * Computed fields: a formula's text (editable later; the server checks it and names the position of a problem),
 * or a rollup's object, relation pointing here, aggregate and field (fixed once added).
 * The server's 4xx is shown under the input it names (`key`, `labels.vi`, `options.1.value`, `currency`…).
 */
import { useState } from 'react';
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldTypes } from '../../../../../contracts/records';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { notifySuccess } from '../../../ui/notify';
import { TYPES_KEY, useRecordTypes } from '../../../ui/records/data';
import { fieldKey } from '../../../ui/records/logic';
import { localized, typeLabel, type FieldDef, type FieldInputBody, type FieldPatch, type FieldType, type RecordType } from '../../../ui/records/types';
import { placeErrors } from './errors';
import { OptionsEditor, type OptionDraft } from './OptionsEditor';

const CURRENCIES = ['VND', 'USD', 'EUR', 'JPY', 'KRW', 'CNY', 'SGD', 'THB', 'GBP', 'AUD'];
const KNOWN = ['key', 'type', 'labels.en', 'labels.vi', 'labels', 'help', 'options', 'currency', 'relation.target', 'relation', 'required', 'unique', 'formula', 'rollup', 'rollup.object', 'rollup.relation', 'rollup.field'];
type RollupFn = 'count' | 'sum' | 'min' | 'max';

export function FieldForm({ type, field, onDone, onCancel }: { type: RecordType; field?: FieldDef; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const targets = (useRecordTypes().data ?? []).filter((x) => x.custom);
  const [v, setV] = useState({
    en: field?.labels.en ?? '', vi: field?.labels.vi ?? '', key: field?.key ?? '', type: (field?.type ?? 'text') as FieldType,
    required: field?.required ?? false, unique: field?.unique ?? false, helpEn: field?.help?.en ?? '', helpVi: field?.help?.vi ?? '',
    currency: field?.currency ?? 'VND', target: field?.relation?.target ?? 'contacts',
    formula: field?.formula ?? '', rollupObject: field?.rollup?.object ?? '', rollupRelation: field?.rollup?.relation ?? '',
    rollupFn: (field?.rollup?.fn ?? 'count') as RollupFn, rollupField: field?.rollup?.field ?? '',
  });
  const [options, setOptions] = useState<OptionDraft[]>(() => (field?.options ?? []).map((o) => ({ value: o.value, en: o.labels.en, vi: o.labels.vi, color: o.color, saved: true })));
  const [keyTouched, setKeyTouched] = useState(Boolean(field));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof typeof v>(k: K, val: (typeof v)[K]) => setV((x) => {
    const n = { ...x, [k]: val };
    if (k === 'en' && !keyTouched) n.key = fieldKey(String(val));
    return n;
  });
  const hasOptions = v.type === 'select' || v.type === 'multi_select';
  const computed = v.type === 'formula' || v.type === 'rollup';
  // Rollups: objects with a relation pointing at this one, that relation, and a number or date field of theirs.
  const pointing = (useRecordTypes().data ?? []).filter((x) => x.fields.some((f) => f.type === 'relation' && f.relation?.target === type.name));
  const child = pointing.find((x) => x.name === v.rollupObject) ?? pointing[0];
  const childRelations = (child?.fields ?? []).filter((f) => f.type === 'relation' && f.relation?.target === type.name);
  const childFields = (child?.fields ?? []).filter((f) => {
    const ft = f.type === 'formula' ? f.resultType : f.type;
    return ['number', 'money', 'percent', 'rating'].includes(ft ?? '') || (v.rollupFn !== 'sum' && (ft === 'date' || ft === 'datetime'));
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const req: Record<string, string> = {};
    if (!v.en.trim()) req['labels.en'] = t('validation.required');
    if (!v.vi.trim()) req['labels.vi'] = t('validation.required');
    if (!v.key.trim()) req.key = t('validation.required');
    if (hasOptions && !options.length) req.options = t('records.settings.optionsRequired');
    options.forEach((o, i) => { if (!o.en.trim() || !o.vi.trim() || !o.value) req[`options.${i}`] = t('records.settings.optionIncomplete'); });
    setErrors(req);
    setFormError(null);
    if (Object.keys(req).length) return;
    const labels = { en: v.en.trim(), vi: v.vi.trim() };
    const help = v.helpEn.trim() || v.helpVi.trim() ? { en: v.helpEn.trim() || v.helpVi.trim(), vi: v.helpVi.trim() || v.helpEn.trim() } : null;
    const opts = hasOptions ? options.map((o, i) => ({ value: o.value, labels: { en: o.en.trim(), vi: o.vi.trim() }, color: o.color as 'gray', position: i })) : undefined;
    setSaving(true);
    try {
      if (field) {
        const body: FieldPatch = computed
          ? { labels, help, ...(v.type === 'formula' && v.formula.trim() !== field.formula ? { formula: v.formula.trim() } : {}) }
          : { labels, help, required: v.required, ...(opts ? { options: opts } : {}) };
        await api.patch(`/record-types/${type.name}/fields/${field.key}`, body);
      } else {
        const rollupField = v.rollupFn === 'count' ? undefined : (v.rollupField || childFields[0]?.key);
        const body: FieldInputBody = computed
          ? {
            key: v.key, type: v.type, labels, help,
            formula: v.type === 'formula' ? v.formula.trim() : undefined,
            rollup: v.type === 'rollup'
              ? { object: child?.name ?? '', relation: v.rollupRelation || childRelations[0]?.key || '', fn: v.rollupFn, ...(rollupField ? { field: rollupField } : {}) }
              : undefined,
          }
          : {
            key: v.key, type: v.type, labels, help, required: v.required, unique: v.unique, options: opts,
            currency: v.type === 'money' ? v.currency : undefined,
            relation: v.type === 'relation' ? { target: v.target, kind: 'many_to_one' } : v.type === 'relations' ? { target: v.target, kind: 'many_to_many' } : undefined,
          };
        await api.post(`/record-types/${type.name}/fields`, body);
      }
      await qc.invalidateQueries({ queryKey: TYPES_KEY });
      notifySuccess(t(field ? 'records.settings.fieldSaved' : 'records.settings.fieldAdded', { name: labels.en }));
      onDone();
    } catch (err) {
      const placed = placeErrors(err, [...KNOWN, ...options.map((_, i) => `options.${i}`)], errorMessage(err, t));
      setErrors(placed.fields);
      setFormError(placed.form);
    } finally {
      setSaving(false);
    }
  };

  const relationTargets = [
    { value: 'contacts', label: t('records.settings.targetContacts') },
    { value: 'companies', label: t('records.settings.targetCompanies') },
    ...targets.map((x) => ({ value: x.name, label: typeLabel(x, i18n.language, 'plural') })),
  ];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="field-form">
      <Stack gap="sm">
        <FormAlert message={formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('records.settings.labelEn')} required value={v.en} onChange={(e) => set('en', e.currentTarget.value)} error={errors['labels.en'] ?? errors.labels} data-testid="field-label-en" data-autofocus />
          <TextInput label={t('records.settings.labelVi')} required value={v.vi} onChange={(e) => set('vi', e.currentTarget.value)} error={errors['labels.vi']} data-testid="field-label-vi" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('records.settings.type')} required disabled={Boolean(field)} allowDeselect={false} value={v.type} onChange={(x) => x && set('type', x as FieldType)}
            data={fieldTypes.map((ft) => ({ value: ft, label: t(`records.types.${ft}`) }))} error={errors.type} data-testid="field-type" searchable
          />
          <TextInput label={t('records.settings.key')} required disabled={Boolean(field)} value={v.key} onChange={(e) => { setKeyTouched(true); set('key', e.currentTarget.value); }} error={errors.key} ff="monospace" data-testid="field-key" />
        </SimpleGrid>
        {v.type === 'money' && (
          <Select label={t('records.settings.currency')} required disabled={Boolean(field)} data={CURRENCIES} value={v.currency} onChange={(x) => x && set('currency', x)} allowDeselect={false} searchable error={errors.currency} data-testid="field-currency" />
        )}
        {(v.type === 'relation' || v.type === 'relations') && (
          <Select label={t('records.settings.target')} required disabled={Boolean(field)} data={relationTargets} value={v.target} onChange={(x) => x && set('target', x)} allowDeselect={false} error={errors['relation.target'] ?? errors.relation} data-testid="field-target" />
        )}
        {hasOptions && <OptionsEditor value={options} onChange={setOptions} errors={errors} />}
        {v.type === 'formula' && (
          <Textarea
            label={t('records.settings.formula')} required autosize minRows={2} ff="monospace" value={v.formula}
            onChange={(e) => set('formula', e.currentTarget.value)} error={errors.formula} data-testid="field-formula"
            description={`${t('records.settings.formulaHelp')} ${t('records.settings.formulaFields', { keys: type.fields.filter((f) => !f.archived && f.key !== field?.key).map((f) => f.key).join(', ') })}`}
          />
        )}
        {field && computed && field.resultType && <Text size="sm" c="dimmed">{t('records.settings.resultType', { type: t(`records.types.${field.resultType}`) })}</Text>}
        {v.type === 'rollup' && !field && (pointing.length === 0 ? <Text size="sm" c="dimmed" data-testid="rollup-none">{t('records.settings.rollupNone')}</Text> : (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('records.settings.rollupObject')} required allowDeselect={false} value={child?.name ?? null} data-testid="rollup-object"
              data={pointing.map((x) => ({ value: x.name, label: typeLabel(x, i18n.language, 'plural') }))} error={errors['rollup.object'] ?? errors.rollup}
              onChange={(x) => { if (x) setV((o) => ({ ...o, rollupObject: x, rollupRelation: '', rollupField: '' })); }}
            />
            <Select
              label={t('records.settings.rollupRelation')} required allowDeselect={false} value={v.rollupRelation || childRelations[0]?.key || null} data-testid="rollup-relation"
              data={childRelations.map((f) => ({ value: f.key, label: localized(f.labels, i18n.language) }))} error={errors['rollup.relation']}
              onChange={(x) => x && set('rollupRelation', x)}
            />
            <Select
              label={t('records.settings.rollupFn')} required allowDeselect={false} value={v.rollupFn} data-testid="rollup-fn"
              data={(['count', 'sum', 'min', 'max'] as const).map((fn) => ({ value: fn, label: t(`records.settings.fn.${fn}`) }))}
              onChange={(x) => x && set('rollupFn', x as RollupFn)}
            />
            {v.rollupFn !== 'count' && (
              <Select
                label={t('records.settings.rollupField')} required allowDeselect={false} value={v.rollupField || childFields[0]?.key || null} data-testid="rollup-field"
                data={childFields.map((f) => ({ value: f.key, label: localized(f.labels, i18n.language) }))} error={errors['rollup.field']}
                onChange={(x) => x && set('rollupField', x)}
              />
            )}
          </SimpleGrid>
        ))}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('records.settings.helpEn')} value={v.helpEn} onChange={(e) => set('helpEn', e.currentTarget.value)} error={errors.help} />
          <TextInput label={t('records.settings.helpVi')} value={v.helpVi} onChange={(e) => set('helpVi', e.currentTarget.value)} />
        </SimpleGrid>
        <Group>
          {!computed && <Checkbox label={t('records.settings.required')} checked={v.required} onChange={(e) => set('required', e.currentTarget.checked)} data-testid="field-required" />}
          {!field && !computed && <Checkbox label={t('records.settings.unique')} checked={v.unique} onChange={(e) => set('unique', e.currentTarget.checked)} data-testid="field-unique" />}
        </Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={saving} data-testid="field-submit">{field ? t('common.save') : t('records.settings.addField')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
