/**
 * Attachments of notes: a dropzone that checks size and type before anything is sent (the server
 * checks again, by content), the upload after the note exists, and download links.
 */
import { ActionIcon, Anchor, Group, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconPaperclip, IconUpload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import '@mantine/dropzone/styles.css';
import { attachmentExtensions, DEFAULT_ATTACHMENT_MAX_BYTES } from '../../../../contracts/activities';
import { errorMessage } from '../errors';
import { notifyError, notifySuccess } from '../notify';
import { attachmentUrl, uploadAttachment, useCsrfToken, type Attachment } from './data';
import { formatBytes } from './logic';

const ACCEPTED = new Set<string>(attachmentExtensions);
const extOf = (name: string) => name.toLowerCase().split('.').pop() ?? '';

/** Why a file cannot be attached, or null when it may be sent. */
export function fileProblem(file: { name: string; size: number }, maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES): 'tooLarge' | 'badType' | null {
  if (!ACCEPTED.has(extOf(file.name))) return 'badType';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

export function AttachmentPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  const size = formatBytes(DEFAULT_ATTACHMENT_MAX_BYTES);
  const take = (dropped: File[]) => {
    const ok: File[] = [];
    for (const f of dropped) {
      const problem = fileProblem(f);
      if (problem) notifyError(t(`activity.attach.${problem}`, { name: f.name, size }));
      else ok.push(f);
    }
    if (ok.length) onChange([...files, ...ok]);
  };
  const rejected = (rejections: FileRejection[]) => {
    for (const r of rejections) notifyError(t(fileProblem(r.file) === 'badType' ? 'activity.attach.badType' : 'activity.attach.tooLarge', { name: r.file.name, size }));
  };
  return (
    <Stack gap={6}>
      <Dropzone onDrop={take} onReject={rejected} maxSize={DEFAULT_ATTACHMENT_MAX_BYTES} p="xs" data-testid="attachment-dropzone">
        <Group justify="center" gap="xs" mih={40} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept><IconUpload size={20} /></Dropzone.Accept>
          <Dropzone.Reject><IconX size={20} /></Dropzone.Reject>
          <Dropzone.Idle><IconPaperclip size={20} /></Dropzone.Idle>
          <div>
            <Text size="sm">{t('activity.attach.drop')}</Text>
            <Text size="xs" c="dimmed">{t('activity.attach.hint', { size })}</Text>
          </div>
        </Group>
      </Dropzone>
      {files.length > 0 && (
        <Stack gap={2} data-testid="attachment-pending">
          <Text size="xs" c="dimmed">{t('activity.attach.pending')}</Text>
          {files.map((f, i) => (
            <Group key={`${f.name}-${i}`} gap={6} wrap="nowrap">
              <IconPaperclip size={14} />
              <Text size="sm" truncate style={{ flex: 1 }}>{f.name}</Text>
              <Text size="xs" c="dimmed">{formatBytes(f.size)}</Text>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('activity.attach.remove')} onClick={() => onChange(files.filter((_, j) => j !== i))}>
                <IconX size={14} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Uploads files to an activity one by one; returns the files that failed (their errors are shown). */
export function useUploadFiles() {
  const { t } = useTranslation();
  const csrf = useCsrfToken();
  return async (activityId: string, files: File[]): Promise<File[]> => {
    const failed: File[] = [];
    for (const f of files) {
      try {
        await uploadAttachment(activityId, f, csrf());
      } catch (e) {
        failed.push(f);
        notifyError(t('activity.attach.failed', { name: f.name, reason: errorMessage(e, t) }));
      }
    }
    if (files.length > failed.length) notifySuccess(t('activity.attach.uploaded'));
    return failed;
  };
}

export function AttachmentLinks({ items }: { items: Attachment[] }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <Stack gap={2} mt={6} data-testid="attachment-list">
      {items.map((a) => (
        <Group key={a.id} gap={6} wrap="nowrap">
          <IconPaperclip size={14} />
          <Anchor href={attachmentUrl(a.activityId, a.id)} download={a.filename} size="sm" truncate aria-label={t('activity.attach.download', { name: a.filename })} data-testid="attachment-link">
            {a.filename}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatBytes(a.size)}</Text>
        </Group>
      ))}
    </Stack>
  );
}
