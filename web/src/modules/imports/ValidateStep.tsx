/**
 * Step 3: what a duplicate does and how rows match existing contacts (or companies), then a full check of every row
 * (nothing is written) with the per-row report; "Start import" queues the run.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconPlayerPlay, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { matchKeysOf, onDuplicateChoices, type Mapping } from '../../../../contracts/imports';
import { api } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { FormAlert } from '../../ui/FormAlert';
import { importKey, type ImportRun, type ValidationReport } from './data';
import { RowErrorsTable } from './RowErrorsTable';
import { WarningsTable } from './WarningsTable';

type OnDup = (typeof onDuplicateChoices)[number];
type Key = (typeof matchKeysOf)[keyof typeof matchKeysOf][number];

function Stat({ label, value, color, testId }: { label: string; value: number; color?: string; testId?: string }) {
  return (
    <Paper withBorder p="xs" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} c={color}>{value.toLocaleString()}</Text>
    </Paper>
  );
}

export function ValidateStep({ imp, mapping, saveAs, onBack, onStarted }: {
  imp: ImportRun; mapping: Mapping; saveAs: string; onBack: () => void; onStarted: (imp: ImportRun) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [onDuplicate, setOnDuplicate] = useState<OnDup>(imp.onDuplicate);
  const keyChoices: readonly Key[] = matchKeysOf[imp.entity];
  const company = imp.entity === 'company';
  const suffix = company ? 'Company' : '';
  const [keys, setKeys] = useState<Key[]>(imp.matchKeys.length ? imp.matchKeys : [...keyChoices]);
  const [report, setReport] = useState<ValidationReport | null>(null);
  const [busy, setBusy] = useState<'validate' | 'start' | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The mapping is saved under its name once; later sends (re-check, start) leave the name out.
  const [savedName, setSavedName] = useState<string | null>(null);
  const sendMapping = async () => {
    const name = saveAs.trim();
    const save = name && name !== savedName ? { saveMappingAs: name } : {};
    const out = await api.put<ImportRun>(`/imports/${imp.id}/mapping`, { mapping, onDuplicate, matchKeys: keys, ...save });
    if ('saveMappingAs' in save) {
      setSavedName(name);
      void qc.invalidateQueries({ queryKey: ['/import-mappings'] });
    }
    return out;
  };

  const validate = async () => {
    setBusy('validate');
    setError(null);
    setReport(null);
    try {
      await sendMapping();
      setReport(await api.post<ValidationReport>(`/imports/${imp.id}/validate`));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };
  const start = async () => {
    setBusy('start');
    setError(null);
    try {
      await sendMapping();
      const started = await api.post<ImportRun>(`/imports/${imp.id}/start`);
      qc.setQueryData(importKey(imp.id), started);
      void qc.invalidateQueries({ queryKey: ['/imports', 'list'] });
      onStarted(started);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };
  const changed = () => setReport(null);

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={6}>
          <Text size="sm" fw={500}>{t(company ? 'imports.onDuplicateCompany' : 'imports.onDuplicate')}</Text>
          <Radio.Group value={onDuplicate} onChange={(v) => { setOnDuplicate(v as OnDup); changed(); }} data-testid="import-on-duplicate">
            <Stack gap="xs">
              {onDuplicateChoices.map((c) => (
                <Radio key={c} value={c} label={t(`imports.onDuplicateChoices${suffix}.${c}`)} description={t(`imports.onDuplicateHint${suffix}.${c}`)} data-testid={`on-duplicate-${c}`} />
              ))}
            </Stack>
          </Radio.Group>
        </Stack>
        <Checkbox.Group label={t(company ? 'imports.matchKeysCompany' : 'imports.matchKeys')} value={keys} onChange={(v) => { setKeys(v as Key[]); changed(); }}
          error={keys.length ? undefined : t('imports.matchKeysRequired')} data-testid="import-match-keys">
          <Group gap="md" mt={6}>
            {keyChoices.map((k) => <Checkbox key={k} value={k} label={t(`imports.matchKeyChoices.${k}`)} data-testid={`match-key-${k}`} />)}
          </Group>
        </Checkbox.Group>
      </SimpleGrid>

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>{t('imports.back')}</Button>
        <Group gap="xs">
          <Button variant={report ? 'default' : 'filled'} leftSection={<IconShieldCheck size={16} />} onClick={() => void validate()} loading={busy === 'validate'}
            disabled={!keys.length || busy !== null} data-testid="import-validate">{t('imports.validate')}</Button>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => void start()} loading={busy === 'start'} disabled={!report || !keys.length || busy !== null || report.valid === 0}
            data-testid="import-start">{t('imports.start')}</Button>
        </Group>
      </Group>
      {busy === 'validate' && <Text size="sm" c="dimmed">{t('imports.validating')}</Text>}
      <FormAlert message={error} />

      {report && (
        <Stack gap="sm" data-testid="import-validation">
          <Title order={5}>{t('imports.report')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Stat label={t('imports.total')} value={report.total} testId="validation-total" />
            <Stat label={t('imports.valid')} value={report.valid} color="teal" testId="validation-valid" />
            <Stat label={t('imports.invalid')} value={report.invalid} color={report.invalid ? 'red' : undefined} testId="validation-invalid" />
            <Stat label={t('imports.emptyRows')} value={report.empty} testId="validation-empty" />
          </SimpleGrid>
          <Text size="sm" fw={500}>{report.outcome.complete ? t('imports.outcomeAll') : t('imports.outcomeFirst', { count: report.outcome.rows })}</Text>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid="validation-outcome">
            <Stat label={t('imports.created')} value={report.outcome.created} color="teal" testId="outcome-created" />
            <Stat label={t('imports.updated')} value={report.outcome.updated} testId="outcome-updated" />
            <Stat label={t('imports.skipped')} value={report.outcome.skipped} testId="outcome-skipped" />
            <Stat label={t('imports.merged')} value={report.outcome.merged} testId="outcome-merged" />
            <Stat label={t('imports.failed')} value={report.outcome.failed} color={report.outcome.failed ? 'red' : undefined} testId="outcome-failed" />
          </SimpleGrid>
          {report.warningCount > 0 && (
            <Stack gap={6} data-testid="validation-warnings">
              <Text size="sm" fw={500}>{t('imports.validationWarnings', { count: report.warningCount })}</Text>
              <Text size="sm" c="dimmed">{t('imports.warningsNote')}</Text>
              <WarningsTable rows={report.warnings} entity={imp.entity} testId="validation-warnings-table" />
            </Stack>
          )}
          {report.errors.length === 0 ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />}>{t('imports.noErrors')}</Alert>
          ) : (
            <>
              <Text size="sm" c="dimmed">{t('imports.invalidNote')}</Text>
              <Text size="sm" fw={500}>{t('imports.firstErrors', { count: report.errors.length })}</Text>
              <RowErrorsTable rows={report.errors} testId="validation-errors" />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
