/**
 * Steps 4–5: the running import (progress bar, rows done, rows/s, time left — polled every second),
 * cancel, then the final report with the failed rows, the warnings (cells left out), their CSVs and Revert.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconDownload, IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useConfirm } from '../../ui/confirm';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { normaliseLocale } from '../../app/locale';
import { importKey, useFailures, useWarnings, type ImportRun } from './data';
import { formatEta, percent } from './logic';
import { RowErrorsTable } from './RowErrorsTable';
import { WarningsTable } from './WarningsTable';
import { CorrectionsGrid } from './CorrectionsGrid';

export const STATUS_COLOR: Record<string, string> = {
  mapping: 'gray', queued: 'blue', running: 'blue', completed: 'teal', failed: 'red', cancelled: 'orange', reverting: 'grape', reverted: 'grape',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={STATUS_COLOR[status] ?? 'gray'} data-testid="import-status">{t(`imports.statuses.${status}`, { defaultValue: status })}</Badge>;
}

function Count({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Paper withBorder p="xs" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} c={color}>{value.toLocaleString()}</Text>
    </Paper>
  );
}

/** Revert with a confirmation; shared by the report and the history list. */
export function useRevert() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const qc = useQueryClient();
  return async (imp: ImportRun) => {
    const message = t(imp.entity === 'company' ? 'imports.revertMessageCompany' : 'imports.revertMessage');
    if (!(await confirm({ title: t('imports.revertTitle'), message, confirmLabel: t('imports.revert') }))) return;
    try {
      const r = await api.post<ImportRun>(`/imports/${imp.id}/revert`);
      qc.setQueryData(importKey(imp.id), r);
      void qc.invalidateQueries({ queryKey: ['/imports'] });
      notifySuccess(t('imports.revertStarted'));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
}

/** A batch's first import can be reverted (with its follow-ups) once finished, when it changed something and no follow-up runs. */
export const canRevert = (imp: ImportRun) => {
  const c = imp.batch ?? imp;
  return (imp.status === 'completed' || imp.status === 'cancelled' || imp.status === 'failed') && !imp.revertedAt && !imp.parentId && !imp.batch?.running && c.created + c.updated > 0;
};

/** The final report's first failed rows, reasons in the UI language. */
function FailedRows({ imp, failed, rev }: { imp: ImportRun; failed: number; rev: string }) {
  const { t } = useTranslation();
  const failures = useFailures(imp.id, true, 100, false, rev);
  const rows = failures.data?.data ?? [];
  if (!rows.length) return null;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>{t('imports.failedRows')}</Text>
      {failed > rows.length && <Text size="sm" c="dimmed">{t('imports.failedRowsFirst', { count: rows.length })}</Text>}
      <RowErrorsTable rows={rows} testId="import-failures" />
    </Stack>
  );
}

/** The final report's first warnings: each cell left out of its record, with why. */
function Warnings({ imp, warnings: count, rev }: { imp: ImportRun; warnings: number; rev: string }) {
  const { t } = useTranslation();
  const warnings = useWarnings(imp.id, true, 100, rev);
  const rows = warnings.data?.data ?? [];
  if (!rows.length) return null;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>{t('imports.warningsTitle')}</Text>
      <Text size="sm" c="dimmed">{t('imports.warningsNote')}</Text>
      {count > rows.length && <Text size="sm" c="dimmed">{t('imports.warningsFirst', { count: rows.length })}</Text>}
      <WarningsTable rows={rows} entity={imp.entity} testId="import-warnings" />
    </Stack>
  );
}

export function RunStep({ imp }: { imp: ImportRun }) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirm();
  const qc = useQueryClient();
  const revert = useRevert();
  const running = imp.status === 'queued' || imp.status === 'running';
  const pct = percent(imp.processed, imp.total);
  // A batch's counts (the import and its follow-ups of corrected rows) when there are any.
  const c = imp.batch ?? imp;
  const rev = `${imp.batch?.followUps ?? 0}:${imp.batch?.running ? 1 : 0}`;
  const correctable = !running && !imp.parentId && (imp.status === 'completed' || imp.status === 'cancelled' || imp.status === 'failed');
  const eta = formatEta(imp.etaSeconds);

  const cancel = async () => {
    if (!(await confirm({ title: t('imports.cancelTitle'), message: t('imports.cancelMessage'), confirmLabel: t('imports.cancel') }))) return;
    try {
      qc.setQueryData(importKey(imp.id), await api.post<ImportRun>(`/imports/${imp.id}/cancel`));
      notifySuccess(t('imports.cancelled'));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Title order={4} style={{ overflowWrap: 'anywhere' }}>{running ? t('imports.progressTitle', { name: imp.fileName }) : imp.fileName}</Title>
        <StatusBadge status={imp.status} />
      </Group>
      {(running || imp.status === 'reverting') && (
        <Stack gap={6} data-testid="import-progress">
          <Progress size="xl" value={imp.status === 'reverting' || !imp.total ? 100 : pct} animated striped={running || imp.status === 'reverting'} aria-label={`${pct}%`} />
          <Group justify="space-between" gap="xs">
            <Text size="sm" data-testid="import-rows-done">
              {imp.total ? t('imports.rowsDone', { done: imp.processed.toLocaleString(), total: imp.total.toLocaleString() }) : t('imports.rowsDoneUnknown', { done: imp.processed.toLocaleString() })}
              {imp.total ? ` · ${pct}%` : ''}
            </Text>
            <Group gap="md">
              {imp.rowsPerSecond != null && <Text size="sm" c="dimmed" data-testid="import-rate">{t('imports.rate', { rate: Math.round(imp.rowsPerSecond).toLocaleString() })}</Text>}
              {eta && running && <Text size="sm" c="dimmed" data-testid="import-eta">{t('imports.eta', { eta })}</Text>}
            </Group>
          </Group>
          {running && (
            <Group justify="flex-end">
              <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => void cancel()} data-testid="import-cancel">{t('imports.cancel')}</Button>
            </Group>
          )}
        </Stack>
      )}
      {!running && imp.status !== 'reverting' && imp.status !== 'reverted' && (
        imp.status === 'completed'
          ? <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="import-finished">{t('imports.finished')}</Alert>
          : <Alert color={STATUS_COLOR[imp.status] ?? 'gray'} data-testid="import-finished">{t('imports.finishedWith', { status: t(`imports.statuses.${imp.status}`) })}</Alert>
      )}
      {imp.error && <Alert color="red">{t('imports.importError', { message: imp.error })}</Alert>}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" data-testid="import-counts">
        <Count label={t('imports.created')} value={c.created} color="teal" testId="count-created" />
        <Count label={t('imports.updated')} value={c.updated} color="blue" testId="count-updated" />
        <Count label={t('imports.skipped')} value={c.skipped} testId="count-skipped" />
        <Count label={t('imports.failed')} value={c.failed} color={c.failed ? 'red' : undefined} testId="count-failed" />
        <Count label={t('imports.merged')} value={c.merged} testId="count-merged" />
        <Count label={t('imports.warnings')} value={c.warnings} color={c.warnings ? 'orange' : undefined} testId="count-warnings" />
      </SimpleGrid>
      {imp.batch && imp.batch.followUps > 0 && <Text size="sm" c="dimmed" data-testid="import-follow-ups">{t('imports.batchNote', { count: imp.batch.followUps })}</Text>}
      {!running && c.failed > 0 && <FailedRows imp={imp} failed={c.failed} rev={rev} />}
      {!running && c.warnings > 0 && <Warnings imp={imp} warnings={c.warnings} rev={rev} />}
      {correctable && (c.failed > 0 || c.warnings > 0 || imp.batch?.running) && <CorrectionsGrid imp={imp} />}
      {imp.revertedAt && <Text size="sm" c="grape">{t('imports.revertedAt', { when: formatDateTime(imp.revertedAt) })}</Text>}
      {!running && (
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Button component={Link} to="/imports" variant="default">{t('imports.toHistory')}</Button>
            {imp.entity === 'contact' && <Button component={Link} to="/contacts" variant="default">{t('imports.viewContacts')}</Button>}
            {imp.entity === 'company' && <Button component={Link} to="/companies" variant="default" data-testid="import-view-companies">{t('imports.viewCompanies')}</Button>}
          </Group>
          <Group gap="xs">
            {c.failed > 0 && (
              <Button component="a" href={`/api/v1/imports/${imp.id}/failed-rows.csv?lang=${normaliseLocale(i18n.language)}`} download variant="light" leftSection={<IconDownload size={16} />} data-testid="import-failed-rows">
                {t('imports.downloadFailed')}
              </Button>
            )}
            {c.warnings > 0 && (
              <Button component="a" href={`/api/v1/imports/${imp.id}/warnings.csv?lang=${normaliseLocale(i18n.language)}`} download variant="light" color="orange" leftSection={<IconDownload size={16} />} data-testid="import-warnings-csv">
                {t('imports.downloadWarnings')}
              </Button>
            )}
            {canRevert(imp) && (
              <Button color="red" variant="light" leftSection={<IconArrowBackUp size={16} />} onClick={() => void revert(imp)} data-testid="import-revert">{t('imports.revert')}</Button>
            )}
          </Group>
        </Group>
      )}
      {imp.finishedAt && <Anchor component="span" size="xs" c="dimmed">{formatDateTime(imp.startedAt)} → {formatDateTime(imp.finishedAt)}</Anchor>}
    </Stack>
  );
}
