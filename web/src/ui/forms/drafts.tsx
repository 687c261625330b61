/**
 * Drafts of long forms survive a reload (issue 14 item 3): what the user types is kept in localStorage under
 * a key per user and record, restored when the form opens again with a visible "Draft restored" notice and a
 * discard action, and removed once the form is sent (or emptied).
 *
 * @example
 *   const draft = useDraft(draftKey(user.id, 'contact', id, 'composer'), values, isBlank);
 *   const [values, setValues] = useState(() => draft.restored?.value ?? blank());
 *   {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.clear(); setValues(blank()); }} />}
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';

/** `kith.draft.<user>.<record type>.<record id>.<form>`: a user never sees another's draft, nor one of another record. */
export function draftKey(userId: string, recordType: string, recordId: string, form: string): string {
  return `kith.draft.${userId}.${recordType}.${recordId}.${form}`;
}

interface Stored<T> {
  value: T;
  /** ISO time of the last save. */
  savedAt: string;
}

/** The draft kept under `key`, if any (for a form's first state). */
export function readDraft<T>(key: string): Stored<T> | null {
  try {
    const raw = window.localStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Stored<T>) : null;
    return parsed && typeof parsed === 'object' && 'value' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

function write<T>(key: string, value: T | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify({ value, savedAt: new Date().toISOString() } satisfies Stored<T>));
  } catch {
    // Storage full or disabled (private mode): the form still works, only without a draft.
  }
}

/**
 * Keeps `value` as the draft under `key` (a short pause after the last change, and at once when the page is
 * hidden or unloaded); an empty value removes it. `restored` is the draft found when the form opened, until
 * discarded; `clear()` removes the draft (after sending).
 */
export function useDraft<T>(key: string, value: T, isEmpty: (v: T) => boolean, delayMs = 300) {
  const [restored, setRestored] = useState<Stored<T> | null>(() => readDraft<T>(key));
  const latest = useRef({ key, value, isEmpty });
  latest.current = { key, value, isEmpty };
  // What was sent (or discarded) is no draft: not written again until the user changes it.
  const cleared = useRef<string | null>(null);
  const flush = useCallback(() => {
    const { key: k, value: v, isEmpty: empty } = latest.current;
    if (cleared.current !== null && cleared.current === JSON.stringify(v)) return;
    cleared.current = null;
    write(k, empty(v) ? null : v);
  }, []);

  useEffect(() => {
    const h = window.setTimeout(flush, delayMs);
    return () => window.clearTimeout(h);
  }, [key, value, delayMs, flush]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      // Leaving the form inside the app (another page) keeps the latest keystrokes too.
      flush();
    };
  }, [flush]);

  const clear = useCallback(() => {
    cleared.current = JSON.stringify(latest.current.value);
    write(latest.current.key, null);
    setRestored(null);
  }, []);
  /** Hides the notice and keeps the draft (the user carries on with it). */
  const dismiss = useCallback(() => setRestored(null), []);
  return { restored, clear, dismiss };
}

/** "Draft restored from <time>." with a discard action. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: string; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" p="xs" icon={<IconRestore size={16} />} data-testid="draft-restored">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{t('forms.draftRestored', { time: formatDateTime(savedAt) })}</Text>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onDiscard} data-testid="draft-discard">{t('forms.discardDraft')}</Button>
      </Group>
    </Alert>
  );
}

const NO_DRAFT = 'kith.draft.none';
const textsOf = (keys: string[], from: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(keys.filter((k) => typeof from?.[k] === 'string').map((k) => [k, from![k] as string]));

/** A form's first values: `base` with the long-text fields (`keys`) of the draft under `key` put back. */
export function withTextDrafts(key: string | null, keys: string[], base: Record<string, unknown>): Record<string, unknown> {
  return { ...base, ...textsOf(keys, key ? readDraft<Record<string, unknown>>(key)?.value : null) };
}

/**
 * Drafts of a form's long-text fields: those of `keys` whose text differs from `base` are kept under `key`
 * (none when `key` is null). Start the form from `withTextDrafts(key, keys, base)`.
 */
export function useTextDrafts(key: string | null, keys: string[], base: Record<string, unknown>, values: Record<string, unknown>) {
  const changed = textsOf(keys.filter((k) => values[k] !== (base[k] ?? '') && values[k] !== base[k]), values);
  return useDraft<Record<string, string>>(key ?? NO_DRAFT, changed, (v) => !key || Object.keys(v).length === 0);
}
