/**
 * Canned responses: the saved reply texts agents insert from the composer — title, language (en/vi) and text with
 * placeholders ({{requester.name}}, {{ticket.number}}, {{ticket.subject}}, {{agent.name}}). An unknown placeholder
 * is refused by the server on the text field.
 */
import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cannedPlaceholders } from '../../../../../contracts/ticket-placeholders';
import type { CannedResponse, CannedResponseInput } from '../../../../../contracts/ticket-workspace';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { CANNED_PATH } from '../workspace/CannedPicker';
import { useSettingsList } from './shared';
import { useSaveDialog } from '../../../ui/forms/save-dialog';

function CannedForm({ canned, onClose }: { canned: CannedResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<CannedResponseInput>(canned ? { title: canned.title, body: canned.body, language: canned.language } : { title: '', body: '', language: 'vi' });
  const { errors, busy, save: saveAs } = useSaveDialog({ path: CANNED_PATH, savedMessage: t('tickets.settings.saved'), onClose });
  const save = () => saveAs(d, canned?.id ?? null);
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg" title={canned ? t('tickets.settings.canned.edit') : t('tickets.settings.canned.new')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="canned-form">
        <Stack>
          <TextInput label={t('tickets.settings.canned.title')} required value={d.title} error={errors.title} onChange={(e) => setD({ ...d, title: e.currentTarget.value })} data-testid="canned-title" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="canned-language-label">{t('tickets.settings.canned.language')}</Text>
            <SegmentedControl aria-labelledby="canned-language-label" value={d.language} onChange={(v) => setD({ ...d, language: v as 'en' | 'vi' })}
              data={[{ value: 'vi', label: t('tickets.workspace.languages.vi') }, { value: 'en', label: t('tickets.workspace.languages.en') }]} />
          </Stack>
          <Textarea label={t('tickets.settings.canned.body')} required autosize minRows={5} value={d.body} error={errors.body} onChange={(e) => setD({ ...d, body: e.currentTarget.value })} data-testid="canned-body"
            description={t('tickets.settings.canned.placeholders', { list: cannedPlaceholders.map((p) => `{{${p}}}`).join(', ') })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="canned-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CannedTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const list = useSettingsList<CannedResponse>(CANNED_PATH);
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const remove = async (c: CannedResponse) => {
    if (!(await confirm({ title: t('tickets.settings.canned.delete'), message: t('tickets.settings.deleteConfirm', { name: c.title }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(`${CANNED_PATH}/${c.id}`);
      await qc.invalidateQueries({ queryKey: [CANNED_PATH] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="canned-new">{t('tickets.settings.canned.new')}</Button>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('tickets.settings.canned.intro')}</Text>
      {list.data.length === 0 ? <EmptyState title={t('tickets.settings.canned.empty')} description={t('tickets.settings.canned.emptyHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {list.data.map((c) => (
            <Card key={c.id} withBorder radius="md" data-testid="canned-card">
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <Text fw={600}>{c.title}</Text>
                  <Badge variant="light" color="gray" tt="none">{t(`tickets.workspace.languages.${c.language}`)}</Badge>
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" onClick={() => setEditing(c)} aria-label={`${t('common.edit')} ${c.title}`}>{t('common.edit')}</Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => void remove(c)} aria-label={`${t('common.delete')} ${c.title}`}>{t('common.delete')}</Button>
                </Group>
              </Group>
              <Text size="sm" mt={4} lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
            </Card>
          ))}
        </>
      )}
      {editing && <CannedForm canned={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
