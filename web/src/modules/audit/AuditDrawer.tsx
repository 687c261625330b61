import { Anchor, Badge, Code, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { asObject, changedKeys } from './audit.logic';
import { actionText, entityLink, langOf } from './audit.words';

export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** The record's name today; null when it has none or is gone. */
  entityName: string | null;
  /** Deleted, erased or missing: shown with a neutral label. */
  entityGone: boolean;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** The record an entry is about: its name linked to its page, a neutral label when gone, else the bare id. */
export function EntryRecord({ entry, typeLabel }: { entry: AuditEntry; typeLabel: string }) {
  const { t } = useTranslation();
  const href = entityLink(entry.entity, entry.entityId);
  return (
    <>
      <Text size="xs" c="dimmed">{typeLabel}</Text>
      {entry.entityGone ? (
        <Text size="sm" fs="italic" c="dimmed" data-testid="audit-record-gone">{t('audit.goneRecord')}</Text>
      ) : entry.entityName && href ? (
        <Anchor component={Link} to={href} size="sm" onClick={(ev) => ev.stopPropagation()} data-testid="audit-record-link">{entry.entityName}</Anchor>
      ) : entry.entityName ? (
        <Text size="sm">{entry.entityName}</Text>
      ) : entry.entityId ? (
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>{entry.entityId}</Text>
      ) : null}
    </>
  );
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
export function AuditDrawer({ entry, onClose, typeLabel }: { entry: AuditEntry | null; onClose: () => void; typeLabel: string }) {
  const { t, i18n } = useTranslation();
  const changed = entry ? changedKeys(entry.before, entry.after) : [];
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="xl" title={entry ? `${actionText(entry.action, langOf(i18n.language))} · ${typeLabel}` : ''} data-testid="audit-drawer">
      {entry && (
        <Stack>
          <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
            <Text size="sm" c="dimmed">{t('audit.when')}</Text><Text size="sm">{formatDateTime(entry.at)}</Text>
            <Text size="sm" c="dimmed">{t('audit.actor')}</Text><Text size="sm">{entry.actorLabel ?? t('audit.system')}</Text>
            <Text size="sm" c="dimmed">{t('audit.entity')}</Text><div><EntryRecord entry={entry} typeLabel={typeLabel} /></div>
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
