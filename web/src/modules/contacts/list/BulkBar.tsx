/**
 * Bulk actions on the selected rows: assign owner, add or remove a tag, change stage (contacts),
 * delete (confirmed). Contacts use POST /contacts/bulk (one transaction: all or nothing); companies
 * have no bulk endpoint, so each row is patched in turn and the result counts successes and failures.
 */
import { useState } from 'react';
import { Autocomplete, Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { IconTag, IconTagOff, IconTrash, IconUserShare, IconStairs } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BulkBody } from '../../../../../contracts/contacts';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { usePeople, useStages, type FilterCondition, type Option } from '../data';
import { localized, type Entity } from '../logic';
import type { AnyRow } from './columns';

type Action = BulkBody['action'];

interface Props {
  entity: Entity;
  /** Selected loaded rows (for versions, tags and owners). */
  rows: AnyRow[];
  /** When set, the action applies to every record matching this filter instead of `rows`. */
  matching: { filter: FilterCondition[]; total: number } | null;
  canDelete: boolean;
  onDone: () => void;
  onClear: () => void;
}

async function runCompanies(rows: AnyRow[], action: Action, value: string): Promise<{ ok: number; failed: number; message: string }> {
  let ok = 0;
  let failed = 0;
  let message = '';
  for (const r of rows) {
    try {
      if (action === 'delete') await api.delete(`/companies/${r.id}`, { version: r.version });
      else if (action === 'assign_owner') await api.patch(`/companies/${r.id}`, { ownerId: value }, { version: r.version });
      else {
        const tags = action === 'add_tag' ? [...new Set([...r.tags, value])] : r.tags.filter((x) => x !== value);
        if (tags.length !== r.tags.length) await api.patch(`/companies/${r.id}`, { tags }, { version: r.version });
      }
      ok++;
    } catch (e) {
      failed++;
      message ||= e instanceof Error ? e.message : String(e);
    }
  }
  return { ok, failed, message };
}

export function BulkBar({ entity, rows, matching, canDelete, onDone, onClear }: Props) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirm();
  const stages = useStages().data ?? [];
  const people = usePeople(rows.flatMap((r) => (r.owner ? [{ value: r.owner.id, label: r.owner.name }] : [])));
  const [action, setAction] = useState<Exclude<Action, 'delete'> | null>(null);
  const [value, setValue] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const count = matching ? matching.total : rows.length;
  const knownTags = [...new Set(rows.flatMap((r) => r.tags))].sort();

  const run = async (a: Action, v: string) => {
    setBusy(true);
    try {
      if (entity === 'contact') {
        const body: BulkBody = matching ? { filter: matching.filter, action: a } : { ids: rows.map((r) => r.id), action: a };
        if (a !== 'delete') body.value = v;
        const res = await api.post<{ updated: number }>('/contacts/bulk', body);
        notifySuccess(t(a === 'delete' ? 'contacts.bulk.deleted' : 'contacts.bulk.done', { count: res.updated }));
      } else {
        const res = await runCompanies(rows, a, v);
        if (res.failed) notifyError(t('contacts.bulk.partial', { ok: res.ok, failed: res.failed, message: res.message }));
        else notifySuccess(t(a === 'delete' ? 'contacts.bulk.deleted' : 'contacts.bulk.done', { count: res.ok }));
      }
      setAction(null);
      onDone();
    } catch (e) {
      notifyError(t('contacts.bulk.failed', { message: errorMessage(e, t) }));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const ok = await confirm({ title: t('contacts.bulk.deleteTitle'), message: t('contacts.bulk.deleteConfirm', { count }), confirmLabel: t('common.delete') });
    if (ok) await run('delete', '');
  };
  const open = (a: Exclude<Action, 'delete'>) => {
    setValue('');
    setAction(a);
  };

  const options: Option[] = action === 'assign_owner' ? people : action === 'set_stage' ? stages.map((s) => ({ value: s.value, label: localized(s.label, i18n.language) })) : [];
  const title = action ? t(`contacts.bulk.${{ assign_owner: 'assignOwner', add_tag: 'addTag', remove_tag: 'removeTag', set_stage: 'setStage' }[action]}`) : '';

  return (
    <Paper withBorder p={6} mb="xs" bg="blue.0" data-testid="bulk-bar">
      <Group gap={6} wrap="wrap" justify="space-between">
        <Text size="sm" fw={600} px={4} data-testid="bulk-count">
          {matching ? t('contacts.bulk.allMatching', { total: matching.total.toLocaleString(i18n.language) }) : t('contacts.bulk.selected', { count })}
        </Text>
        <Group gap={4} wrap="wrap">
          <Button size="compact-sm" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => open('assign_owner')} data-testid="bulk-owner">{t('contacts.bulk.assignOwner')}</Button>
          <Button size="compact-sm" variant="default" leftSection={<IconTag size={14} />} onClick={() => open('add_tag')} data-testid="bulk-add-tag">{t('contacts.bulk.addTag')}</Button>
          <Button size="compact-sm" variant="default" leftSection={<IconTagOff size={14} />} onClick={() => open('remove_tag')} data-testid="bulk-remove-tag">{t('contacts.bulk.removeTag')}</Button>
          {entity === 'contact' && (
            <Button size="compact-sm" variant="default" leftSection={<IconStairs size={14} />} onClick={() => open('set_stage')} data-testid="bulk-stage">{t('contacts.bulk.setStage')}</Button>
          )}
          {canDelete && (
            <Button size="compact-sm" variant="light" color="red" leftSection={<IconTrash size={14} />} onClick={() => void remove()} loading={busy && !action} data-testid="bulk-delete">{t('contacts.bulk.delete')}</Button>
          )}
          <Button size="compact-sm" variant="subtle" color="gray" onClick={onClear} data-testid="bulk-clear">{t('contacts.bulk.clear')}</Button>
        </Group>
      </Group>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={`${title} · ${t('contacts.bulk.selected', { count })}`} centered>
        <Stack>
          {action === 'add_tag' || action === 'remove_tag' ? (
            <Autocomplete label={t('contacts.bulk.tag')} data={knownTags} value={value} onChange={setValue} data-autofocus data-testid="bulk-value" />
          ) : (
            <Select label={title} data={options} value={value || null} onChange={(v) => setValue(v ?? '')} searchable data-testid="bulk-value" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>{t('common.cancel')}</Button>
            <Button disabled={!value.trim()} loading={busy} onClick={() => action && void run(action, value.trim())} data-testid="bulk-apply">{t('contacts.bulk.apply')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

