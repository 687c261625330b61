/**
 * Export of an object's list as CSV or XLSX (the server streams `GET /objects/{name}/export` with the list's
 * filter, sort and search; the browser downloads it with the session cookie), and import of a CSV
 * file (`POST /objects/{name}/import`, columns matched to fields by key or label) with its report.
 */
import { useRef, useState } from 'react';
import { Button, FileButton, List, Menu, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiUrl, toApiError, ApiError } from '../../app/api';
import { SESSION_KEY } from '../../app/auth';
import type { SessionResponse } from '../../app/session';
import { errorMessage } from '../errors';
import { FormAlert } from '../FormAlert';
import { objectPath } from './data';
import type { RecordImportResult } from './types';

export function ExportMenu({ name, params }: { name: string; params: { filter?: string; sort?: string; q?: string } }) {
  const { t } = useTranslation();
  const href = (format: 'csv' | 'xlsx') => apiUrl(`${objectPath(name)}/export`, { ...params, format });
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export-open">{t('records.export.button')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href('csv')} download data-testid="export-csv">{t('records.export.csv')}</Menu.Item>
        <Menu.Item component="a" href={href('xlsx')} download data-testid="export-xlsx">{t('records.export.xlsx')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Sends the file as multipart (fetch: the JSON client cannot), with the session's CSRF token. */
async function upload(name: string, file: File, csrf: string | null): Promise<RecordImportResult> {
  const body = new FormData();
  body.append('file', file);
  let res: Response;
  try {
    res = await fetch(apiUrl(`${objectPath(name)}/import`), { method: 'POST', body, credentials: 'same-origin', headers: csrf ? { 'X-CSRF-Token': csrf } : {} });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as RecordImportResult;
}

export function ImportButton({ name }: { name: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const reset = useRef<() => void>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RecordImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File | null) => {
    reset.current?.();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const csrf = qc.getQueryData<SessionResponse | null>(SESSION_KEY)?.csrfToken ?? null;
      setResult(await upload(name, file, csrf));
      void qc.invalidateQueries({ queryKey: [objectPath(name)] });
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FileButton onChange={(f) => void pick(f)} accept=".csv,text/csv" resetRef={reset}>
        {(props) => <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} loading={busy} data-testid="import-open">{t('records.import.button')}</Button>}
      </FileButton>
      <Modal opened={Boolean(result || error)} onClose={() => { setResult(null); setError(null); }} title={t('records.import.title')} centered>
        <Stack data-testid="import-report">
          <FormAlert message={error} />
          {result && (
            <>
              <Text size="sm">{t('records.import.summary', { created: result.created, failed: result.failed })}</Text>
              {result.errors.length > 0 && (
                <List size="sm" spacing={4}>
                  {result.errors.slice(0, 50).map((e, i) => <List.Item key={i}>{t('records.import.rowError', { row: e.row, path: e.path, message: e.message })}</List.Item>)}
                </List>
              )}
            </>
          )}
        </Stack>
      </Modal>
    </>
  );
}
