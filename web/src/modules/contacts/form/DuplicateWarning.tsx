/**
 * Warns, while the user types, that a contact with the same email or phone (or a similar name at the same
 * company) already exists, with links to open each candidate. Silent when the check endpoint is missing
 * or fails: the warning helps, it never blocks saving.
 */
import { Alert, Anchor, Group, List, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { duplicateCheckResponse } from '../../../../../contracts/duplicates';
import { api } from '../../../app/api';
import { recordPath } from '../data';

type Check = z.infer<typeof duplicateCheckResponse>;

export interface DuplicateProbe {
  email: string;
  phone: string;
  name: string;
  companyId: string | null;
  excludeId?: string;
}

/** Only ask once something is specific enough to match. */
export function probeQuery(p: DuplicateProbe) {
  const email = p.email.trim().includes('@') ? p.email.trim() : undefined;
  const phone = p.phone.replace(/\D/g, '').length >= 6 ? p.phone.trim() : undefined;
  const name = p.name.trim().length >= 3 && p.companyId ? p.name.trim() : undefined;
  if (!email && !phone && !name) return null;
  return { email, phone, name, companyId: name ? p.companyId ?? undefined : undefined, excludeId: p.excludeId };
}

export function DuplicateWarning({ probe }: { probe: DuplicateProbe }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(probe, 400);
  const query = probeQuery(debounced);
  const check = useQuery({
    queryKey: ['/contacts', 'duplicates-check', query],
    enabled: query !== null,
    retry: false,
    staleTime: 30_000,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Check>('/contacts/duplicates-check', query ?? {}, { signal });
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        return { data: [] } as Check;
      }
    },
  });
  const found = query ? check.data?.data ?? [] : [];
  if (!found.length) return null;
  return (
    <Alert color="yellow" icon={<IconCopy size={18} />} title={t('contacts.duplicates.title')} data-testid="duplicate-warning">
      <Text size="sm" mb={4}>{t('contacts.duplicates.body')}</Text>
      <List size="sm" spacing={2}>
        {found.slice(0, 5).map((d) => (
          <List.Item key={d.contact.id}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={recordPath('contact', d.contact.id)} target="_blank" fw={600} data-testid="duplicate-link">{d.contact.displayName}</Anchor>
              <Text span size="xs" c="dimmed">
                {[d.contact.primaryEmail, d.contact.primaryPhone].filter(Boolean).join(' · ')}
                {' — '}
                {d.reasons.map((r) => t(`contacts.duplicates.reasons.${r}`)).join(', ')}
                {' · '}
                {t('contacts.duplicates.score', { score: Math.round(d.score <= 1 ? d.score * 100 : d.score) })}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
