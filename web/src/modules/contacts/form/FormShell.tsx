/**
 * The drawer both record forms live in (full width on phones; a changed form asks before it closes), plus small helpers the forms share:
 * fetching the record being edited, and mapping the server's field errors (by path) onto form rows.
 */
import type { ReactNode } from 'react';
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../app/api';
import { GuardedDrawer } from '../../../ui/forms/unsaved';
import { entityPath, recordPath } from '../data';
import type { Entity } from '../logic';

export function FormDrawer({ opened, onClose, title, entity, id, children }: { opened: boolean; onClose: () => void; title: string; entity: Entity; id: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <GuardedDrawer
      opened={opened} onClose={onClose} position="right" size={phone ? '100%' : 640} padding="md"
      title={
        <Group gap="sm" wrap="nowrap">
          <Title order={3} data-testid="form-title">{title}</Title>
          {id && <Anchor component={Link} to={recordPath(entity, id)} size="sm" data-testid="form-open-record">{t('contacts.open')}</Anchor>}
        </Group>
      }
      data-testid="record-form"
    >
      {children}
    </GuardedDrawer>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm" c="dimmed" tt="uppercase" style={{ letterSpacing: '0.03em' }}>{title}</Text>
      {children}
    </Stack>
  );
}

/** The record being edited (fresh, for its version), or nothing for a new one. */
export function useRecord<T>(entity: Entity, id: string | null) {
  const path = entityPath(entity);
  return useQuery({
    queryKey: [path, id],
    enabled: Boolean(id) && id !== 'new',
    queryFn: ({ signal }) => api.get<T>(`${path}/${id}`, undefined, { signal }),
  });
}

/**
 * Looks up the server's message for a form path. Empty rows are not sent, so `emails.1` on the wire may
 * be form row 3: `sent` maps list name → form indexes in the order they were sent.
 */
export function errorLookup(err: unknown, sent: Record<string, number[]>) {
  return (path: string): string | undefined => {
    if (!(err instanceof ApiError)) return undefined;
    const [list, idx, ...rest] = path.split('.');
    const map = list ? sent[list] : undefined;
    if (map && idx !== undefined && /^\d+$/.test(idx)) {
      const wire = map.indexOf(Number(idx));
      if (wire < 0) return undefined;
      return err.fieldMessage([list, wire, ...rest].join('.'));
    }
    return err.fieldMessage(path);
  };
}
