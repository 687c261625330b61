/** The create/edit form of a custom field definition (entity, key and type are fixed once created). */
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomFieldInput as DefInput, CustomFieldType } from '../../../../../contracts/custom-fields';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { GuardedModal, useUnsavedGuard } from '../../../ui/forms/unsaved';
import { notifySuccess } from '../../../ui/notify';
import type { CustomField } from '../data';
import { CLASSIFICATIONS, CUSTOM_FIELD_TYPES, slugKey, type Entity } from '../logic';
import { CustomFieldInput, isEmptyValue, toFormValue, toWireValue } from '../form/CustomFieldInput';

interface OptionRow { value: string; en: string; vi: string }
const hasOptions = (t: CustomFieldType) => t === 'select' || t === 'multi_select';

function FieldForm({ entity, field, nextPosition, onClose }: { entity: Entity; field: CustomField | null; nextPosition: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      labelEn: field?.label.en ?? '',
      labelVi: field?.label.vi ?? '',
      key: field?.key ?? '',
      type: (field?.type ?? 'text') as CustomFieldType,
      options: (field?.options ?? []).map((o) => ({ value: o.value, en: o.label.en, vi: o.label.vi })) as OptionRow[],
      required: field?.required ?? false,
      classification: field?.classification ?? 'internal',
      relationEntity: (field?.relationEntity ?? 'company') as Entity,
      currency: field?.currency ?? 'VND',
      default: field ? toFormValue(field, field.default) : ('' as unknown),
      keyTouched: Boolean(field),
    },
    validate: (v) => ({
      labelEn: v.labelEn.trim() ? null : 'validation.required',
      labelVi: v.labelVi.trim() ? null : 'validation.required',
      key: /^[a-z][a-z0-9_]{0,49}$/.test(v.key) ? null : 'contacts.stages.keyHint',
      options: hasOptions(v.type) && !v.options.some((o) => o.value.trim()) ? 'contacts.customFields.optionsRequired' : null,
    }),
  });
  const v = form.values;
  const set = form.setFieldValue;
  // A draft definition, so the default-value input renders exactly like the field will.
  const draft: CustomField = {
    id: field?.id ?? 'draft', entity, key: v.key || 'draft', type: v.type, label: { en: v.labelEn, vi: v.labelVi },
    options: v.options.filter((o) => o.value.trim()).map((o) => ({ value: o.value.trim(), label: { en: o.en || o.value, vi: o.vi || o.en || o.value } })),
    required: false, default: null, classification: v.classification, relationEntity: v.type === 'relation' ? v.relationEntity : null,
    currency: v.type === 'money' ? v.currency : null, position: 0, version: 0, createdAt: '', updatedAt: '',
  };

  const submit = form.onSubmit(async (vals) => {
    const common = {
      label: { en: vals.labelEn.trim(), vi: vals.labelVi.trim() },
      options: hasOptions(vals.type) ? draft.options : [],
      required: vals.required,
      default: isEmptyValue(vals.default) ? null : toWireValue(draft, vals.default),
      classification: vals.classification,
      currency: vals.type === 'money' ? vals.currency : null,
    };
    if (field) {
      await api.patch(`/custom-fields/${field.id}`, common, { version: field.version });
    } else {
      const body: DefInput = { ...common, entity, key: vals.key, type: vals.type, relationEntity: vals.type === 'relation' ? vals.relationEntity : null, position: nextPosition };
      await api.post('/custom-fields', body);
    }
    await qc.invalidateQueries({ queryKey: ['/custom-fields'] });
    notifySuccess(t(field ? 'contacts.customFields.saved' : 'contacts.customFields.created', { name: vals.labelEn }));
    onClose();
  }, (e) => form.applyApiError(e, errorMessage(e, t)));
  const guard = useUnsavedGuard(form.isDirty);

  const setOption = (i: number, patch: Partial<OptionRow>) => set('options', v.options.map((o, j) => (j === i ? { ...o, ...patch } : o)));

  return (
    <form ref={form.ref} onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('contacts.customFields.labelEn')} required {...form.getInputProps('labelEn')} data-testid="cf-label-en"
            onChange={(e) => {
              const s = e.currentTarget.value;
              set('labelEn', s);
              if (!v.keyTouched) set('key', slugKey(s));
            }}
          />
          <TextInput label={t('contacts.customFields.labelVi')} required {...form.getInputProps('labelVi')} data-testid="cf-label-vi" />
          <TextInput
            label={t('contacts.customFields.key')} description={t('contacts.customFields.keyHint')} required disabled={Boolean(field)} styles={{ input: { fontFamily: 'monospace' } }}
            {...form.getInputProps('key')} onChange={(e) => { set('key', e.currentTarget.value); set('keyTouched', true); }} data-testid="cf-key"
          />
          <Select
            label={t('contacts.customFields.type')} description={field ? t('contacts.customFields.typeFixed') : undefined} disabled={Boolean(field)} allowDeselect={false}
            data={CUSTOM_FIELD_TYPES.map((x) => ({ value: x, label: t(`contacts.customFields.types.${x}`) }))} value={v.type}
            onChange={(x) => { if (x) { set('type', x as CustomFieldType); set('default', ''); } }} data-testid="cf-type"
          />
          {v.type === 'relation' && (
            <Select
              label={t('contacts.customFields.relationEntity')} disabled={Boolean(field)} allowDeselect={false} value={v.relationEntity} onChange={(x) => x && set('relationEntity', x as Entity)}
              data={[{ value: 'contact', label: t('contacts.customFields.entityContact') }, { value: 'company', label: t('contacts.customFields.entityCompany') }]}
            />
          )}
          {v.type === 'money' && (
            <TextInput label={t('contacts.customFields.currency')} maxLength={3} value={v.currency} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} error={form.errors.currency} />
          )}
          <Select
            label={t('contacts.customFields.classification')} description={t('contacts.customFields.classificationHint')} allowDeselect={false}
            data={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} value={v.classification}
            onChange={(x) => x && set('classification', x as typeof v.classification)} inputWrapperOrder={['label', 'input', 'description', 'error']} data-testid="cf-classification"
          />
        </SimpleGrid>
        {hasOptions(v.type) && (
          <Stack gap={6} data-testid="cf-options">
            <Text size="sm" fw={500}>{t('contacts.customFields.options')}</Text>
            {v.options.map((o, i) => (
              <Group key={i} gap={6} wrap="nowrap">
                <TextInput size="xs" placeholder={t('contacts.customFields.optionValue')} value={o.value} onChange={(e) => setOption(i, { value: e.currentTarget.value })} style={{ flex: 1 }} ff="monospace" aria-label={t('contacts.customFields.optionValue')} />
                <TextInput size="xs" placeholder="English" value={o.en} onChange={(e) => { const en = e.currentTarget.value; setOption(i, { en, value: o.value || slugKey(en) }); }} style={{ flex: 1 }} aria-label={t('contacts.customFields.labelEn')} />
                <TextInput size="xs" placeholder="Tiếng Việt" value={o.vi} onChange={(e) => setOption(i, { vi: e.currentTarget.value })} style={{ flex: 1 }} aria-label={t('contacts.customFields.labelVi')} />
                <ActionIcon variant="subtle" color="gray" onClick={() => set('options', v.options.filter((_, j) => j !== i))} aria-label={t('contacts.form.remove')}><IconTrash size={14} /></ActionIcon>
              </Group>
            ))}
            {form.errors.options && <Text size="xs" c="red">{form.errors.options}</Text>}
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} style={{ alignSelf: 'flex-start' }} onClick={() => set('options', [...v.options, { value: '', en: '', vi: '' }])} data-testid="cf-add-option">
              {t('contacts.customFields.addOption')}
            </Button>
          </Stack>
        )}
        <Switch label={t('contacts.customFields.required')} description={t('contacts.customFields.requiredHint')} {...form.getInputProps('required', { type: 'checkbox' })} data-testid="cf-required" />
        <Stack gap={2}>
          <CustomFieldInput def={draft} value={v.default} onChange={(x) => set('default', x)} ignoreRequired label={t('contacts.customFields.default')} error={form.errors.default} />
          <Text size="xs" c="dimmed">{t('contacts.customFields.defaultHint')}</Text>
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => guard.close(onClose)}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="cf-submit">{field ? t('common.save') : t('contacts.customFields.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CustomFieldModal({ entity, field, nextPosition, onClose }: { entity: Entity; field: CustomField | 'new' | null; nextPosition: number; onClose: () => void }) {
  const { t } = useTranslation();
  const existing = field && field !== 'new' ? field : null;
  return (
    <GuardedModal opened={field !== null} onClose={onClose} title={existing ? t('contacts.customFields.edit') : t('contacts.customFields.create')} size="lg" centered>
      {field !== null && <FieldForm key={existing?.id ?? 'new'} entity={existing?.entity ?? entity} field={existing} nextPosition={nextPosition} onClose={onClose} />}
    </GuardedModal>
  );
}
