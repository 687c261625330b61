/**
 * Acknowledgement templates per team and language over /ticket-mail-templates: the default (every team) and each team,
 * in English and Vietnamese. A row without a template shows the built-in text (/ticket-mail-templates/defaults), which
 * the editor starts from; "Use the built-in text" deletes the template.
 */
import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailTemplate, MailTemplateInput } from '../../../../../contracts/ticket-messages';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useDirectory } from '../data';
import { useSettingsList } from './shared';
import { useSaveDialog } from '../../../ui/forms/save-dialog';

const TEMPLATES = '/ticket-mail-templates';
type Lang = 'en' | 'vi';
interface Defaults { en: { subject: string; body: string }; vi: { subject: string; body: string }; placeholders: string[] }
interface Slot { teamId: string | null; teamName: string; language: Lang; template: MailTemplate | null }

function TemplateForm({ slot, defaults, onClose }: { slot: Slot; defaults: Defaults; onClose: () => void }) {
  const { t } = useTranslation();
  const start = slot.template ?? defaults[slot.language];
  const [d, setD] = useState<MailTemplateInput>({ teamId: slot.teamId, language: slot.language, subject: start.subject, body: start.body });
  const { errors, busy, save: saveAs } = useSaveDialog({ path: TEMPLATES, replace: true, savedMessage: t('ticketMail.templates.saved'), onClose });
  const save = () => saveAs(d);
  const hint = t('ticketMail.templates.placeholders', { list: defaults.placeholders.join(', '), interpolation: { escapeValue: false } });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg"
      title={t('ticketMail.templates.editTitle', { team: slot.teamName, language: t(`ticketMail.templates.languages.${slot.language}`) })}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="template-form">
        <Stack>
          <TextInput label={t('ticketMail.templates.subject')} required value={d.subject} error={errors.subject} onChange={(e) => setD({ ...d, subject: e.currentTarget.value })} description={hint} data-testid="template-subject" />
          <Textarea label={t('ticketMail.templates.body')} required autosize minRows={6} value={d.body} error={errors.body} onChange={(e) => setD({ ...d, body: e.currentTarget.value })} description={hint} data-testid="template-body" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="template-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function TemplatesTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const dir = useDirectory();
  const list = useSettingsList<MailTemplate>(TEMPLATES);
  const defaults = useQuery({ queryKey: [TEMPLATES, 'defaults'], queryFn: ({ signal }) => api.get<Defaults>(`${TEMPLATES}/defaults`, undefined, { signal }) });
  const [editing, setEditing] = useState<Slot | null>(null);
  const error = list.error ?? defaults.error;
  if (error) return <ErrorState error={error} onRetry={() => { void list.refetch(); void defaults.refetch(); }} />;
  if (!list.data || !defaults.data) return <LoadingState />;
  const teams = [{ id: null as string | null, name: t('ticketMail.templates.default') }, ...(dir.data?.teams ?? []).map((x) => ({ id: x.id as string | null, name: x.name }))];
  const slots: Slot[] = teams.flatMap((team) => (['vi', 'en'] as const).map((language) => ({
    teamId: team.id, teamName: team.name, language, template: list.data.find((x) => x.teamId === team.id && x.language === language) ?? null,
  })));
  const reset = async (s: Slot) => {
    if (!s.template || !(await confirm({ title: t('ticketMail.templates.reset'), message: t('ticketMail.templates.resetConfirm'), confirmLabel: t('ticketMail.templates.reset'), danger: true }))) return;
    try {
      await api.delete(`${TEMPLATES}/${s.template.id}`);
      await qc.invalidateQueries({ queryKey: [TEMPLATES] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('ticketMail.templates.intro')}</Text>
      <Table.ScrollContainer minWidth={640}>
        <Table data-testid="templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ticketMail.templates.team')}</Table.Th>
              <Table.Th>{t('ticketMail.templates.language')}</Table.Th>
              <Table.Th>{t('ticketMail.templates.subject')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {slots.map((s) => {
              const label = `${s.teamName}, ${t(`ticketMail.templates.languages.${s.language}`)}`;
              return (
                <Table.Tr key={`${s.teamId ?? 'default'}-${s.language}`} data-testid="template-row" data-team={s.teamId ?? 'default'} data-language={s.language}>
                  <Table.Td>{s.teamName}</Table.Td>
                  <Table.Td>{t(`ticketMail.templates.languages.${s.language}`)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color={s.template ? 'blue' : 'gray'} tt="none">{s.template ? t('ticketMail.templates.custom') : t('ticketMail.templates.builtIn')}</Badge>
                      <Text size="sm" lineClamp={1}>{(s.template ?? defaults.data[s.language]).subject}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button variant="default" size="xs" onClick={() => setEditing(s)} aria-label={`${t('ticketMail.templates.edit')}: ${label}`} data-testid="template-edit">{t('ticketMail.templates.edit')}</Button>
                      {s.template && <Button variant="subtle" size="xs" onClick={() => void reset(s)} aria-label={`${t('ticketMail.templates.reset')}: ${label}`}>{t('ticketMail.templates.reset')}</Button>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <TemplateForm slot={editing} defaults={defaults.data} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
