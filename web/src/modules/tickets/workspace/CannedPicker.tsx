/**
 * The composer's canned-response picker: responses in the ticket's language first (a switch shows all), searched
 * by title or text; choosing one inserts it with its placeholders filled.
 */
import { useState } from 'react';
import { Button, Popover, ScrollArea, SegmentedControl, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconMessageBolt, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../../../../contracts/ticket-workspace';
import { api } from '../../../app/api';

export const CANNED_PATH = '/ticket-canned-responses';

export function CannedPicker({ language, onPick }: { language: 'en' | 'vi'; onPick: (c: CannedResponse) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [lang, setLang] = useState<'mine' | 'all'>('mine');
  const list = useQuery({ queryKey: [CANNED_PATH], queryFn: ({ signal }) => api.get<{ data: CannedResponse[] }>(CANNED_PATH, undefined, { signal }), enabled: opened, select: (d) => d.data });
  const needle = q.trim().toLowerCase();
  const shown = (list.data ?? []).filter((c) => (lang === 'all' || c.language === language) && (!needle || c.title.toLowerCase().includes(needle) || c.body.toLowerCase().includes(needle)));
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" width={380} trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconMessageBolt size={14} />} onClick={() => setOpened((o) => !o)} data-testid="canned-open">{t('tickets.workspace.canned.insert')}</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder={t('tickets.workspace.canned.search')} aria-label={t('tickets.workspace.canned.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-autofocus data-testid="canned-search" />
          <SegmentedControl size="xs" value={lang} onChange={(v) => setLang(v as 'mine' | 'all')}
            data={[{ value: 'mine', label: t('tickets.workspace.canned.inLanguage', { language: t(`tickets.workspace.languages.${language}`) }) }, { value: 'all', label: t('tickets.workspace.canned.all') }]} />
          <ScrollArea.Autosize mah={260}>
            {list.isPending ? <Text size="sm" c="dimmed">{t('tickets.workspace.loading')}</Text> : shown.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="canned-empty">{list.data?.length ? t('tickets.workspace.canned.noMatch') : t('tickets.workspace.canned.none')}</Text>
            ) : (
              <Stack gap={2}>
                {shown.map((c) => (
                  <UnstyledButton key={c.id} onClick={() => { onPick(c); setOpened(false); setQ(''); }} data-testid="canned-item" p={6} style={{ borderRadius: 4 }}>
                    <Text size="sm" fw={500}>{c.title}</Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>{c.body}</Text>
                  </UnstyledButton>
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
