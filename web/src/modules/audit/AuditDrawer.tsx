import { Badge, Code, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { asObject, changedKeys } from './audit.logic';

export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

function JsonPane({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  const { t } = useTranslation();
  const obj = asObject(value);
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Text size="sm" fw={600}>{title}</Text>
      <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', minHeight: 80 }}>
        {obj ? JSON.stringify(obj, null, 2) : t('audit.none')}
      </Code>
    </Stack>
  );
}

/** One audit entry: who, when, what, and the record before and after side by side. */
export function AuditDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const changed = entry ? changedKeys(entry.before, entry.after) : [];
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="xl" title={entry ? `${entry.action} · ${entry.entity}` : ''} data-testid="audit-drawer">
      {entry && (
        <Stack>
          <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
            <Text size="sm" c="dimmed">{t('audit.when')}</Text><Text size="sm">{formatDateTime(entry.at)}</Text>
            <Text size="sm" c="dimmed">{t('audit.actor')}</Text><Text size="sm">{entry.actorLabel ?? t('audit.system')}</Text>
            <Text size="sm" c="dimmed">{t('audit.entity')}</Text><Text size="sm" style={{ wordBreak: 'break-all' }}>{entry.entity} {entry.entityId ?? ''}</Text>
            <Text size="sm" c="dimmed">{t('audit.ip')}</Text><Text size="sm">{entry.ip ?? '—'}</Text>
            <Text size="sm" c="dimmed">{t('audit.sequence')}</Text><Text size="sm">#{entry.seq}</Text>
          </SimpleGrid>
          {changed.length > 0 && (
            <Group gap={4}>
              <Text size="sm" c="dimmed">{t('audit.changed')}</Text>
              {changed.map((k) => <Badge key={k} size="sm" variant="outline" tt="none">{k}</Badge>)}
            </Group>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <JsonPane title={t('audit.before')} value={entry.before} testId="audit-before" />
            <JsonPane title={t('audit.after')} value={entry.after} testId="audit-after" />
          </SimpleGrid>
        </Stack>
      )}
    </Drawer>
  );
}
