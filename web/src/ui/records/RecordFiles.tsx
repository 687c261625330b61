/**
 * The files of one attachments field on a record's page: download links, delete, and an upload by picker or
 * drop (each file sent alone to `POST /objects/{name}/{id}/fields/{key}/files`; the server checks type by
 * content, 10 MiB and 20 files, and names `file` in its 4xx). Every change is a record update on the server.
 */
import { useState } from 'react';
import { ActionIcon, Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFile, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import '@mantine/dropzone/styles.css';
import type { FieldFile } from '../../../../contracts/records';
import { API_BASE, api, toApiError } from '../../app/api';
import { SESSION_KEY } from '../../app/auth';
import { errorMessage } from '../errors';
import { notifyError, notifySuccess } from '../notify';
import { objectPath } from './data';
import { localized, type FieldDef } from './types';

const MAX_BYTES = 10 * 1024 * 1024;

/** "12 kB" / "3.4 MB". */
export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function RecordFiles({ object, id, f, files, canEdit }: { object: string; id: string; f: FieldDef; files: FieldFile[]; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const base = `${objectPath(object)}/${id}/fields/${f.key}/files`;
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: [objectPath(object)] }), qc.invalidateQueries({ queryKey: ['/activities/timeline'] })]);

  const upload = async (picked: File[]) => {
    setBusy(true);
    try {
      for (const file of picked) {
        const body = new FormData();
        body.append('file', file, file.name);
        const headers: Record<string, string> = { Accept: 'application/json' };
        const csrf = qc.getQueryData<{ csrfToken?: string } | null>(SESSION_KEY)?.csrfToken;
        if (csrf) headers['X-CSRF-Token'] = csrf;
        const res = await fetch(`${API_BASE}${base}`, { method: 'POST', body, headers, credentials: 'same-origin' });
        if (!res.ok) {
          notifyError(`${file.name}: ${errorMessage(await toApiError(res), t)}`);
          continue;
        }
        notifySuccess(t('records.files.uploaded', { name: file.name }));
      }
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const remove = async (file: FieldFile) => {
    try {
      await api.delete(`${base}/${file.id}`);
      notifySuccess(t('records.files.deleted', { name: file.name }));
      await refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  return (
    <Stack gap={6} data-testid={`files-${f.key}`}>
      {files.length === 0 && <Text size="sm" c="dimmed">{t('records.files.empty')}</Text>}
      {files.map((file) => (
        <Group key={file.id} gap={6} wrap="nowrap" data-testid="file-row">
          <IconFile size={14} />
          <Anchor href={`${API_BASE}${base}/${file.id}`} download={file.name} size="sm" truncate style={{ flex: 1, minWidth: 0 }} data-testid="file-link">{file.name}</Anchor>
          <Text size="xs" c="dimmed">{fileSize(file.size)}</Text>
          {canEdit && (
            <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => void remove(file)} aria-label={t('records.files.delete', { name: file.name })} data-testid="file-delete">
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canEdit && (
        <Dropzone
          onDrop={(picked) => void upload(picked)} onReject={(r) => notifyError(r.map((x) => `${x.file.name}: ${x.errors[0]?.message ?? ''}`).join(' '))}
          maxSize={MAX_BYTES} loading={busy} p="xs" aria-label={`${t('records.files.upload')}: ${localized(f.labels, i18n.language)}`} data-testid={`files-drop-${f.key}`}
        >
          <Group justify="center" gap="xs" mih={36} style={{ pointerEvents: 'none' }}>
            {busy ? <Loader size={16} /> : <IconUpload size={18} />}
            <Text size="sm">{t('records.files.drop')}</Text>
          </Group>
        </Dropzone>
      )}
    </Stack>
  );
}
