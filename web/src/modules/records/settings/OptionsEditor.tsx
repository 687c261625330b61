/**
 * The options of a select field: a row per option with its English and Vietnamese label, a colour and
 * its stored value (derived from the English label for new options; fixed once saved, since records hold it).
 */
import { ActionIcon, Button, ColorSwatch, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { optionColors } from '../../../../../contracts/records';
import { apiName } from '../../../ui/records/logic';

export interface OptionDraft {
  value: string;
  en: string;
  vi: string;
  color: string;
  /** Saved before: its value is fixed. */
  saved: boolean;
}

export const optionValue = (label: string) => apiName(label).replace(/^o_/, '') || '';

export function OptionsEditor({ value, onChange, errors }: { value: OptionDraft[]; onChange: (o: OptionDraft[]) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<OptionDraft>) => onChange(value.map((o, j) => {
    if (j !== i) return o;
    const n = { ...o, ...patch };
    if (patch.en !== undefined && !o.saved) n.value = optionValue(patch.en);
    return n;
  }));
  const move = (i: number, d: number) => {
    const n = [...value];
    const [x] = n.splice(i, 1);
    n.splice(i + d, 0, x!);
    onChange(n);
  };
  const colors = optionColors.map((c) => ({ value: c, label: c }));
  return (
    <Stack gap={6} data-testid="options-editor">
      <Text size="sm" fw={500}>{t('records.settings.options')}</Text>
      {errors.options && <Text size="xs" c="red">{errors.options}</Text>}
      {value.map((o, i) => {
        const err = errors[`options.${i}`];
        return (
          <Stack key={i} gap={2} data-testid="option-row">
            <Group gap={6} wrap="wrap" align="flex-start">
              <TextInput size="xs" placeholder={t('records.settings.labelEn')} aria-label={t('records.settings.labelEn')} value={o.en} onChange={(e) => set(i, { en: e.currentTarget.value })} style={{ flex: '1 1 120px' }} data-testid="option-en" />
              <TextInput size="xs" placeholder={t('records.settings.labelVi')} aria-label={t('records.settings.labelVi')} value={o.vi} onChange={(e) => set(i, { vi: e.currentTarget.value })} style={{ flex: '1 1 120px' }} data-testid="option-vi" />
              <Select size="xs" data={colors} value={o.color} onChange={(c) => c && set(i, { color: c })} allowDeselect={false} w={110} aria-label={t('records.settings.color')} data-testid="option-color"
                leftSection={<ColorSwatch size={12} color={`var(--mantine-color-${o.color}-6)`} />}
                renderOption={({ option }) => <Group gap={6}><ColorSwatch size={12} color={`var(--mantine-color-${option.value}-6)`} />{option.label}</Group>} />
              <TextInput size="xs" value={o.value} disabled={o.saved} onChange={(e) => set(i, { value: e.currentTarget.value })} w={110} aria-label={t('records.settings.optionValue')} ff="monospace" data-testid="option-value" />
              <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('records.settings.moveUp')}><IconArrowUp size={14} /></ActionIcon>
              <ActionIcon variant="subtle" color="gray" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={t('records.settings.moveDown')}><IconArrowDown size={14} /></ActionIcon>
              <ActionIcon variant="subtle" color="gray" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('records.settings.removeOption')}><IconX size={14} /></ActionIcon>
            </Group>
            {err && <Text size="xs" c="red" data-testid="option-error">{err}</Text>}
          </Stack>
        );
      })}
      <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { value: '', en: '', vi: '', color: optionColors[(value.length + 6) % optionColors.length]!, saved: false }])} style={{ alignSelf: 'flex-start' }} data-testid="option-add">
        {t('records.settings.addOption')}
      </Button>
    </Stack>
  );
}
