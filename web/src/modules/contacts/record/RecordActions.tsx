/**
 * The actions menu of a record page: export the contact's personal data (zip), erase it (manage
 * permission, typed confirmation), move to the recycle bin / restore. Companies get delete/restore.
 */
import { useState } from 'react';
import { Alert, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconDots, IconDownload, IconEraser, IconRestore, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { can } from '../../../app/session';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { plural, recordKey, type Entity } from './data';

function EraseModal({ opened, onClose, contactId, name }: { opened: boolean; onClose: () => void; contactId: string; name: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const word = t('record.eraseWord');
  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/contacts/${contactId}/erase`, { confirm: true });
      notifySuccess(t('record.erased'));
      await qc.invalidateQueries({ queryKey: ['/contacts'] });
      onClose();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('record.eraseTitle')} centered data-testid="erase-dialog">
      <Stack gap="sm">
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm" fw={600}>{name}</Text>
          <Text size="sm">{t('record.eraseWarning')}</Text>
        </Alert>
        <TextInput label={t('record.eraseTypeToConfirm', { word })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="off" data-testid="erase-confirm-input" />
        {error && <Text size="sm" c="red" role="alert">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('record.cancel')}</Button>
          <Button color="red" disabled={typed.trim().toUpperCase() !== word} loading={busy} onClick={() => void erase()} data-testid="erase-confirm">{t('record.eraseConfirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function RecordActions({ entity, id, name, version, deleted, erased }: {
  entity: Entity; id: string; name: string; version: number; deleted: boolean; erased?: boolean;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const confirm = useConfirm();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [eraseOpen, setEraseOpen] = useState(false);
  const module = plural(entity);
  const path = `/${module}/${id}`;

  const remove = async () => {
    if (!(await confirm({ title: t('record.deleteTitle'), message: t('record.deleteMessage', { name }), confirmLabel: t('record.delete') }))) return;
    try {
      await api.delete(path, { version });
      notifySuccess(t('record.deleted'));
      // Leave first, and forget this record's queries instead of refetching them: a refetch of a deleted record
      // answers 404 (console noise on a page the user may open).
      const gone = (q: { queryKey: readonly unknown[] }) => JSON.stringify(q.queryKey).includes(id);
      navigate(`/${module}`);
      qc.removeQueries({ predicate: gone });
      await qc.invalidateQueries({ queryKey: [`/${module}`], predicate: (q) => !gone(q) });
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const restore = async () => {
    try {
      const rec = await api.post(`${path}/restore`);
      qc.setQueryData(recordKey(entity, id), rec);
      await qc.invalidateQueries({ queryKey: [`/${module}`] });
      notifySuccess(t('record.restored'));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  const mayExport = entity === 'contact' && !erased && can(user, 'contacts', 'export');
  const mayErase = entity === 'contact' && !erased && can(user, 'contacts', 'manage');
  const mayDelete = can(user, module, 'delete');
  if (!mayExport && !mayErase && !mayDelete) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconDots size={16} />} data-testid="record-actions">{t('record.actions')}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {mayExport && (
            <Menu.Item component="a" href={`/api/v1/contacts/${id}/export`} download leftSection={<IconDownload size={16} />}
              onClick={() => notifySuccess(t('record.exportStarted'))} data-testid="record-export">
              {t('record.exportData')}
            </Menu.Item>
          )}
          {mayDelete && (deleted ? (
            <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => void restore()} data-testid="record-restore">{t('record.restore')}</Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => void remove()} data-testid="record-delete">{t('record.delete')}</Menu.Item>
          ))}
          {mayErase && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconEraser size={16} />} color="red" onClick={() => setEraseOpen(true)} data-testid="record-erase">{t('record.erase')}</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {mayErase && <EraseModal opened={eraseOpen} onClose={() => setEraseOpen(false)} contactId={id} name={name} />}
    </>
  );
}
