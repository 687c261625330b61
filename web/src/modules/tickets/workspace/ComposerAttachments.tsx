/**
 * Files attached to a reply or a note in the composer: dropped on the zone or picked with the button, checked before
 * anything is sent (each within the attachment limit, 10 MiB by default; at most 10 files and 25 MiB together, the
 * request's size), sent as base64 with the message (POST /tickets/{id}/messages `attachments`); the server checks again
 * (413 naming `attachments.<i>`). A reply's files leave with its mail.
 */
import { ActionIcon, Group, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconPaperclip, IconUpload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import '@mantine/dropzone/styles.css';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../../../../contracts/activities';
import type { TicketMessageInput } from '../../../../../contracts/ticket-messages';
import { formatBytes } from '../../contacts/record/logic';
import { composerFileProblem, MAX_FILES, MAX_TOTAL_BYTES } from './attachments';

/** The files as the API takes them. */
export async function toAttachmentInput(files: File[]): Promise<NonNullable<TicketMessageInput['attachments']>> {
  return Promise.all(files.map(async (f) => {
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { filename: f.name, ...(f.type ? { contentType: f.type } : {}), contentBase64: btoa(bin) };
  }));
}

export function ComposerAttachments({ files, onChange, onError, disabled }: { files: File[]; onChange: (files: File[]) => void; onError: (message: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const limits = { size: formatBytes(DEFAULT_ATTACHMENT_MAX_BYTES), total: formatBytes(MAX_TOTAL_BYTES), count: MAX_FILES };
  const take = (dropped: File[]) => {
    const next = [...files];
    for (const f of dropped) {
      const problem = composerFileProblem(next, f);
      if (problem) onError(t(`tickets.workspace.attach.${problem}`, { name: f.name, ...limits }));
      else next.push(f);
    }
    if (next.length !== files.length) onChange(next);
  };
  // Dropzone refuses files over maxSize itself: the same words.
  const rejected = (rejections: FileRejection[]) => {
    for (const r of rejections) onError(t('tickets.workspace.attach.tooLarge', { name: r.file.name, ...limits }));
  };
  return (
    <Stack gap={4}>
      <Dropzone onDrop={take} onReject={rejected} maxSize={DEFAULT_ATTACHMENT_MAX_BYTES} multiple disabled={disabled} p={6} data-testid="composer-dropzone"
        aria-label={t('tickets.workspace.attach.drop')}>
        <Group justify="center" gap="xs" style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept><IconUpload size={16} /></Dropzone.Accept>
          <Dropzone.Reject><IconX size={16} /></Dropzone.Reject>
          <Dropzone.Idle><IconPaperclip size={16} /></Dropzone.Idle>
          <Text size="xs">{t('tickets.workspace.attach.drop')}</Text>
          <Text size="xs" c="dimmed">{t('tickets.workspace.attach.hint', limits)}</Text>
        </Group>
      </Dropzone>
      {files.length > 0 && (
        <Stack gap={2} data-testid="composer-files">
          {files.map((f, i) => (
            <Group key={`${f.name}-${i}`} gap={6} wrap="nowrap" data-testid="composer-file">
              <IconPaperclip size={14} />
              <Text size="sm" truncate style={{ flex: 1 }}>{f.name}</Text>
              <Text size="xs" c="dimmed">{formatBytes(f.size)}</Text>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('tickets.workspace.attach.remove', { name: f.name })} onClick={() => onChange(files.filter((_, j) => j !== i))}>
                <IconX size={14} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
