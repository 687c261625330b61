/**
 * Edit-in-place building blocks: a labelled value with a pencil; clicking it swaps in an editor with
 * save / cancel (Enter saves, Escape cancels). Saving goes through the page's `save`, which sends
 * If-Match; a field error from the server shows under the editor, a 412 raises the page's banner.
 */
import { useState, type ReactNode } from 'react';
import { ActionIcon, Box, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../app/api';
import { errorMessage } from '../../../../ui/errors';

/** Thrown by `save` after a 412: the page shows its banner, the field just stays open. */
export class StaleError extends Error {}

export type Save = (patch: Record<string, unknown>) => Promise<void>;

/** The message to show under an editor for a failed save (its field's message when the server named one). */
export function useSaveError() {
  const { t } = useTranslation();
  return (e: unknown): string | null => {
    if (e instanceof StaleError) return null;
    if (e instanceof ApiError && e.fields.length) return e.fields.map((f) => f.message).join(' ');
    return errorMessage(e, t);
  };
}

export function Section({ title, children, action, testId }: { title: string; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={5}>{title}</Title>
        {action}
      </Group>
      <Stack gap="xs">{children}</Stack>
    </Card>
  );
}

export function FieldLabel({ children }: { children: ReactNode }) {
  return <Text size="xs" c="dimmed" fw={500}>{children}</Text>;
}

/** A read-only labelled value. */
export function ReadField({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <Box data-testid={testId}>
      <FieldLabel>{label}</FieldLabel>
      {empty ? <Text size="sm" c="dimmed">{t('record.empty')}</Text> : typeof children === 'string' ? <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{children}</Text> : children}
    </Box>
  );
}

/**
 * A field edited in place. `editor` renders the input for the draft; `toPatch` turns the draft into the
 * PATCH body. Returns to display mode after a successful save.
 *
 * @example
 *   <InlineField label="Job title" display={c.jobTitle} initial={c.jobTitle ?? ''} save={save}
 *     toPatch={(v) => ({ jobTitle: v || null })} editor={(v, set) => <TextInput value={v} onChange={(e) => set(e.currentTarget.value)} />} />
 */
export function InlineField<T>({ label, display, initial, editor, toPatch, save, disabled, testId }: {
  label: string;
  display: ReactNode;
  initial: T;
  editor: (value: T, set: (v: T) => void, error: string | null, commit: () => void) => ReactNode;
  toPatch: (value: T) => Record<string, unknown>;
  save: Save;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<T>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toMessage = useSaveError();

  const start = () => {
    setDraft(initial);
    setError(null);
    setEditing(true);
  };
  const commit = async () => {
    setBusy(true);
    setError(null);
    try {
      await save(toPatch(draft));
      setEditing(false);
    } catch (e) {
      setError(toMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <Group gap={4} wrap="nowrap" align="flex-start" className="kith-inline-field" data-testid={testId}>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <ReadField label={label}>{display}</ReadField>
        </Box>
        {!disabled && (
          <Tooltip label={t('record.edit')} withArrow openDelay={400}>
            <ActionIcon variant="subtle" color="gray" size="sm" onClick={start} aria-label={`${t('record.edit')}: ${label}`} data-testid={testId ? `${testId}-edit` : undefined}>
              <IconPencil size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    );
  }
  return (
    <Box
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
      }}
    >
      <FieldLabel>{label}</FieldLabel>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Box style={{ flex: 1, minWidth: 0 }}>{editor(draft, setDraft, error, () => void commit())}</Box>
        <ActionIcon variant="filled" size="md" mt={2} onClick={() => void commit()} loading={busy} aria-label={t('record.save')} data-testid={testId ? `${testId}-save` : undefined}>
          <IconCheck size={16} />
        </ActionIcon>
        <ActionIcon variant="default" size="md" mt={2} onClick={() => setEditing(false)} aria-label={t('record.cancel')} data-testid={testId ? `${testId}-cancel` : undefined}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Box>
  );
}
