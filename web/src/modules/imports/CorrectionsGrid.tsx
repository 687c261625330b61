/**
 * The report's corrections grid (issue 11 item 6): the batch's failed rows and warnings as editable lines (row,
 * column, value, reason). "Re-check" runs the corrected rows through the import's checks (nothing written); "Import
 * corrected rows" imports them as a follow-up of the same batch. The failed-rows CSV, corrected, can be uploaded too.
 */
import { useMemo, useState } from 'react';
import { Badge, Button, FileButton, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconChecks, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { importCorrections, recheckRows, uploadFollowUp, useCsrfToken, useFailures, useRefreshBatch, useWarnings, type ImportRun, type RecheckReport } from './data';
import { correctedRows, correctionLines, rowErrorLines } from './logic';

type Edits = Record<string, { column?: string | null; value: string }>;

export function CorrectionsGrid({ imp }: { imp: ImportRun }) {
  const { t } = useTranslation();
  const csrf = useCsrfToken();
  const refresh = useRefreshBatch();
  // Keyed by the batch's progress, so lines reload when a follow-up has finished.
  const rev = `${imp.batch?.followUps ?? 0}:${imp.batch?.running ? 1 : 0}`;
  const failures = useFailures(imp.id, true, 100, true, rev);
  const warnings = useWarnings(imp.id, true, 100, rev);
  const lines = useMemo(
    () => correctionLines(failures.data?.data ?? [], warnings.data?.data ?? [], imp.headers, imp.mapping),
    [failures.data, warnings.data, imp.headers, imp.mapping],
  );
  const [edits, setEdits] = useState<Edits>({});
  const [report, setReport] = useState<RecheckReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | 'upload' | null>(null);
  const rows = correctedRows(lines, edits);
  const result = new Map((report?.rows ?? []).map((r) => [r.row, r]));
  const running = Boolean(imp.batch?.running);

  const edit = (key: string, change: { column?: string | null; value?: string }, current: { column: string | null; value: string }) => {
    setEdits((e) => ({ ...e, [key]: { column: e[key]?.column ?? current.column, value: e[key]?.value ?? current.value, ...change } }));
    setReport(null);
  };
  const act = async (what: 'check' | 'import') => {
    if (!rows.length) return notifyError(t('imports.nothingChanged'));
    setBusy(what);
    try {
      if (what === 'check') setReport(await recheckRows(imp.id, rows));
      else {
        await importCorrections(imp.id, rows);
        notifySuccess(t('imports.correctionsStarted', { count: rows.length }));
        setEdits({});
        setReport(null);
        refresh(imp.id);
      }
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy('upload');
    try {
      await uploadFollowUp(imp.id, file, csrf());
      notifySuccess(t('imports.reuploaded', { name: file.name }));
      refresh(imp.id);
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };

  if (!lines.length && !running) return null;
  return (
    <Stack gap="xs" data-testid="import-corrections">
      <Title order={5}>{t('imports.correctTitle')}</Title>
      <Text size="sm" c="dimmed">{t('imports.correctNote')}</Text>
      {running && <Text size="sm" c="blue" data-testid="import-follow-up-running">{t('imports.followUpRunning')}</Text>}
      <Table.ScrollContainer minWidth={640} maxHeight={420}>
        <Table striped fz="sm" data-testid="corrections-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('imports.row')}</Table.Th><Table.Th w={190}>{t('imports.warningColumn')}</Table.Th>
              <Table.Th w={220}>{t('imports.value')}</Table.Th><Table.Th>{t('imports.reason')}</Table.Th><Table.Th w={150}>{t('imports.checkResult')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => {
              const e = edits[line.key];
              const column = e?.column ?? line.column;
              const checked = result.get(line.row);
              return (
                <Table.Tr key={line.key} data-testid="correction-line" data-row={line.row} data-column={line.column ?? ''}>
                  <Table.Td>{line.row}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {line.column ?? (
                      <Select size="xs" placeholder={t('imports.chooseColumn')} data={imp.headers} value={column} searchable
                        onChange={(v) => edit(line.key, { column: v }, line)} aria-label={`${t('imports.chooseColumn')}: ${line.row}`} data-testid="correction-column"
                        comboboxProps={{ withinPortal: true }} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" value={e?.value ?? line.value} onChange={(ev) => edit(line.key, { value: ev.currentTarget.value }, line)}
                      aria-label={`${t('imports.value')}: ${line.row} ${column ?? ''}`} data-testid="correction-value" disabled={!column} />
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Badge size="xs" variant="light" color={line.kind === 'failure' ? 'red' : 'orange'} mr={6}>{t(line.kind === 'failure' ? 'imports.kindFailure' : 'imports.kindWarning')}</Badge>
                    {rowErrorLines(t, { error: '', issues: line.issues }).join('; ')}
                  </Table.Td>
                  <Table.Td data-testid="correction-check">
                    {checked && (checked.status === 'failed'
                      ? <Text size="xs" c="red">{rowErrorLines(t, { error: '', issues: checked.issues }).join('; ')}</Text>
                      : checked.warnings.length
                        ? <Text size="xs" c="orange">{checked.warnings.map((w) => rowErrorLines(t, { error: w.reason, issues: [{ code: w.code, params: w.params, message: w.reason }] })[0]).join('; ')}</Text>
                        : <Badge size="xs" color={checked.status === 'empty' ? 'gray' : 'teal'}>{t(checked.status === 'empty' ? 'imports.checkEmpty' : 'imports.checkOk')}</Badge>)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {report && (
        <Text size="sm" data-testid="recheck-outcome">
          {t('imports.recheckOutcome', { created: report.outcome.created, updated: report.outcome.updated, failed: report.outcome.failed })}
        </Text>
      )}
      <Group justify="space-between" gap="xs">
        <FileButton onChange={(f) => void upload(f)} accept=".csv,.xlsx,text/csv">
          {(props) => (
            <Button {...props} variant="subtle" leftSection={<IconFileUpload size={16} />} loading={busy === 'upload'} disabled={running || (busy !== null && busy !== 'upload')} data-testid="import-reupload">
              {t('imports.reupload')}
            </Button>
          )}
        </FileButton>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconChecks size={16} />} loading={busy === 'check'} disabled={running || !rows.length} onClick={() => void act('check')} data-testid="import-recheck">
            {t('imports.recheck')}
          </Button>
          <Button leftSection={<IconUpload size={16} />} loading={busy === 'import'} disabled={running || !rows.length} onClick={() => void act('import')} data-testid="import-corrections-start">
            {t('imports.importCorrected', { count: rows.length })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
