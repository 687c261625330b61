/**
 * Step 2: what was detected, the first rows, and the mapping — every column of the file to a field
 * (built-in or custom), the server's suggestions preselected; saved mappings can be loaded, and the
 * mapping can be saved under a name when it is sent. An administrator can turn an unmapped column into a new custom
 * field (NewFieldButton) and map it there.
 */
import { Alert, Badge, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Mapping } from '../../../../contracts/imports';
import { useUser } from '../../app/auth';
import { notifySuccess } from '../../ui/notify';
import { NewFieldButton } from './NewFieldButton';
import { useCustomFieldDefs, useSavedMappings, type ImportRun } from './data';
import { applySaved, mappingSummary, targetParts, targetsOf } from './logic';

/** Google's and Outlook's "E-mail 1 - Label" columns label their sibling value column: no field of their own. */
const LABEL_COLUMN = / - (Label|Type)$/;

/** Select data for a target: grouped built-ins, custom fields, and anything else already chosen. */
export function useTargetOptions(entity: string, extra: string[]) {
  const { t, i18n } = useTranslation();
  const defs = useCustomFieldDefs(entity).data?.data ?? [];
  const lang = i18n.language.startsWith('vi') ? 'vi' : 'en';
  const label = (target: string) => {
    if (target.startsWith('custom.')) {
      const def = defs.find((d) => `custom.${d.key}` === target);
      return def ? def.label[lang] : target;
    }
    const { field, label: suffix } = targetParts(target);
    const base = t(`imports.targets.${field.replace('.', '_')}`, { defaultValue: field });
    return suffix ? `${base} (${t(`imports.labels.${suffix}`, { defaultValue: suffix })})` : base;
  };
  const builtIn = targetsOf(entity);
  const known = new Set(builtIn.flatMap((g) => g.targets));
  const groups = builtIn.map((g) => ({ group: t(`imports.groups.${g.group}`), items: g.targets.map((v) => ({ value: v, label: label(v) })) }));
  if (defs.length) groups.push({ group: t('imports.groups.custom'), items: defs.map((d) => ({ value: `custom.${d.key}`, label: d.label[lang] })) });
  const others = [...new Set(extra)].filter((x) => x && !known.has(x) && !defs.some((d) => `custom.${d.key}` === x));
  if (others.length) groups.push({ group: t('imports.groups.other'), items: others.map((v) => ({ value: v, label: label(v) })) });
  return { groups, label };
}

export function MappingStep({ imp, sample, mapping, onMapping, saveAs, onSaveAs }: {
  imp: ImportRun;
  sample: Record<string, string>[];
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  saveAs: string;
  onSaveAs: (name: string) => void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const saved = useSavedMappings();
  const { groups, label } = useTargetOptions(imp.entity, Object.values(mapping).filter((x): x is string => Boolean(x)));
  const summary = mappingSummary(mapping);
  const savedForEntity = (saved.data ?? []).filter((m) => m.entity === imp.entity);
  const previewHeaders = imp.headers.slice(0, 12);

  return (
    <Stack gap="md">
      <Group gap="xs" data-testid="import-detected">
        <Text size="sm" fw={500}>{t('imports.detected')}:</Text>
        <Badge variant="light" tt="uppercase">{imp.format}</Badge>
        {imp.encoding && <Badge variant="light" color="gray" tt="none">{t('imports.encoding')}: {imp.encoding}</Badge>}
        {imp.delimiter && <Badge variant="light" color="gray" tt="none">{t('imports.delimiter')}: {imp.delimiter === '\t' ? 'TAB' : imp.delimiter}</Badge>}
        <Badge variant="filled" color={imp.preset ? 'teal' : 'gray'} tt="none" data-testid="import-preset-detected">
          {t('imports.presetDetected')}: {imp.preset ? t(`imports.presets.${imp.preset}`, { defaultValue: imp.preset }) : t('imports.genericFile')}
        </Badge>
      </Group>

      <div>
        <Title order={5} mb="xs">{t('imports.preview')}</Title>
        {sample.length ? (
          <Table.ScrollContainer minWidth={Math.max(480, previewHeaders.length * 140)} maxHeight={260}>
            <Table striped withTableBorder fz="xs" data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>{previewHeaders.map((h) => <Table.Th key={h} style={{ whiteSpace: 'nowrap' }}>{h}</Table.Th>)}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sample.slice(0, 5).map((row, i) => (
                  <Table.Tr key={i}>{previewHeaders.map((h) => <Table.Td key={h} style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{row[h] ?? ''}</Table.Td>)}</Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : <Text size="sm" c="dimmed">{t('imports.previewEmpty')}</Text>}
      </div>

      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" data-testid="import-mapped-count">{t('imports.mapped', { mapped: summary.mapped, total: imp.headers.length })}</Text>
        <Select w={{ base: '100%', xs: 280 }} label={t('imports.savedMappings')} placeholder={savedForEntity.length ? t('imports.loadMapping') : t('imports.noSavedMappings')}
          disabled={!savedForEntity.length} value={null} data-testid="import-load-mapping"
          data={savedForEntity.map((m) => ({ value: m.id, label: m.name }))}
          onChange={(id) => {
            const m = savedForEntity.find((x) => x.id === id);
            if (!m) return;
            onMapping(applySaved(mapping, m.mapping, imp.headers));
            notifySuccess(t('imports.mappingLoaded', { name: m.name }));
          }} />
      </Group>
      {summary.repeated.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="import-repeated">
          {t('imports.repeated', { fields: summary.repeated.map(label).join(', ') })}
        </Alert>
      )}
      {/* A grid rather than a table, so on a phone each column stacks: name and example, then its select. */}
      <Stack gap={0} data-testid="import-mapping">
        <SimpleGrid cols={3} spacing="sm" visibleFrom="sm" pb={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="sm" fw={600}>{t('imports.column')}</Text>
          <Text size="sm" fw={600}>{t('imports.sample')}</Text>
          <Text size="sm" fw={600}>{t('imports.mapTo')}</Text>
        </SimpleGrid>
        {imp.headers.map((h, i) => {
          const example = sample.map((r) => r[h]).find((v) => v && v.trim());
          return (
            <SimpleGrid key={`${h}-${i}`} cols={{ base: 1, sm: 3 }} spacing={4} verticalSpacing={4} py={8}
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)', alignItems: 'center' }} data-testid="mapping-row" data-header={h}>
              <Group gap={4} wrap="nowrap" justify="space-between">
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>{h}</Text>
                {/* An unmapped column can become a custom field of its own (administrators define fields). */}
                {user.isAdmin && !mapping[h] && !LABEL_COLUMN.test(h) && <NewFieldButton imp={imp} column={h} onCreated={(target) => onMapping({ ...mapping, [h]: target })} />}
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>{example ?? ''}</Text>
              <Select size="xs" searchable clearable placeholder={t('imports.ignore')} value={mapping[h] ?? null} data={groups}
                onChange={(v) => onMapping({ ...mapping, [h]: v })} aria-label={`${t('imports.mapTo')}: ${h}`} data-testid="mapping-select"
                comboboxProps={{ withinPortal: true }} />
            </SimpleGrid>
          );
        })}
      </Stack>
      <TextInput label={t('imports.saveMappingAs')} maw={360} value={saveAs} onChange={(e) => onSaveAs(e.currentTarget.value)} maxLength={100} data-testid="import-save-mapping" />
    </Stack>
  );
}
