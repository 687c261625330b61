/** Settings › Lifecycle stages: an ordered list editor (key, English and Vietnamese labels), saved with PUT. */
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useStages, type LifecycleStage } from '../data';
import { slugKey } from '../logic';

interface Row { value: string; en: string; vi: string; isNew: boolean }
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

export function LifecycleStagesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stages = useStages();
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const load = (s: LifecycleStage[]) => setRows(s.map((x) => ({ value: x.value, en: x.label.en, vi: x.label.vi, isNew: false })));
  useEffect(() => {
    if (stages.data) load(stages.data);
  }, [stages.data]);

  if (stages.isPending) return <LoadingState />;
  if (stages.error) return <ErrorState error={stages.error} onRetry={() => void stages.refetch()} />;

  const set = (i: number, patch: Partial<Row>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: -1 | 1) => setRows((r) => {
    const n = [...r];
    const j = i + d;
    if (j < 0 || j >= n.length) return r;
    [n[i], n[j]] = [n[j]!, n[i]!];
    return n;
  });
  const dupes = new Set(rows.map((r) => r.value).filter((v, i, a) => a.indexOf(v) !== i));
  const removed = (stages.data ?? []).some((s) => !rows.some((r) => r.value === s.value));

  const save = async () => {
    setError(null);
    setFieldErrors({});
    const bad = rows.some((r) => !KEY.test(r.value) || !r.en.trim() || !r.vi.trim()) || dupes.size > 0 || !rows.length;
    if (bad) {
      setError(dupes.size ? t('contacts.stages.duplicateKey') : t('validation.required'));
      return;
    }
    setSaving(true);
    try {
      await api.put('/settings/lifecycle-stages', { stages: rows.map((r) => ({ value: r.value, label: { en: r.en.trim(), vi: r.vi.trim() } })) });
      await qc.invalidateQueries({ queryKey: ['/settings/lifecycle-stages'] });
      void qc.invalidateQueries({ queryKey: ['/contacts', 'kanban'] });
      notifySuccess(t('contacts.stages.saved'));
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('contacts.stages.title')} description={t('contacts.stages.description')} />
      <Stack gap="xs" maw={760} data-testid="stages-editor">
        <FormAlert message={error} />
        {rows.map((r, i) => (
          <Paper key={i} withBorder p="xs" radius="md" data-testid="stage-row">
            <Group gap={6} wrap="wrap" align="flex-start">
              <Text size="sm" c="dimmed" w={20} mt={6} ta="right">{i + 1}</Text>
              <TextInput
                size="sm" styles={{ input: { fontFamily: "monospace" } }} value={r.value} disabled={!r.isNew} aria-label={t('contacts.stages.value')} placeholder={t('contacts.stages.value')}
                onChange={(e) => set(i, { value: e.currentTarget.value })} style={{ flex: '1 1 150px' }}
                error={(r.isNew && r.value && !KEY.test(r.value) ? t('contacts.stages.keyHint') : dupes.has(r.value) ? t('contacts.stages.duplicateKey') : undefined) ?? fieldErrors[`stages.${i}.value`]}
                data-testid="stage-value"
              />
              <TextInput
                size="sm" value={r.en} aria-label={t('contacts.stages.labelEn')} placeholder={t('contacts.stages.labelEn')} style={{ flex: '2 1 160px' }} data-testid="stage-en"
                onChange={(e) => { const en = e.currentTarget.value; set(i, { en, value: r.isNew && (!r.value || r.value === slugKey(r.en)) ? slugKey(en).slice(0, 40) : r.value }); }}
                error={fieldErrors[`stages.${i}.label.en`]}
              />
              <TextInput size="sm" value={r.vi} aria-label={t('contacts.stages.labelVi')} placeholder={t('contacts.stages.labelVi')} style={{ flex: '2 1 160px' }} onChange={(e) => set(i, { vi: e.currentTarget.value })} error={fieldErrors[`stages.${i}.label.vi`]} data-testid="stage-vi" />
              <Group gap={0} wrap="nowrap">
                <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('contacts.stages.moveUp')} data-testid="stage-up"><IconArrowUp size={16} /></ActionIcon>
                <ActionIcon variant="subtle" color="gray" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('contacts.stages.moveDown')} data-testid="stage-down"><IconArrowDown size={16} /></ActionIcon>
                <ActionIcon variant="subtle" color="red" disabled={rows.length <= 1} onClick={() => setRows((x) => x.filter((_, j) => j !== i))} aria-label={t('contacts.stages.remove')} data-testid="stage-remove"><IconTrash size={16} /></ActionIcon>
              </Group>
            </Group>
          </Paper>
        ))}
        {removed && <Alert color="yellow" icon={<IconInfoCircle size={16} />}>{t('contacts.stages.inUseWarning')}</Alert>}
        <Group justify="space-between" mt="xs">
          <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setRows((r) => [...r, { value: '', en: '', vi: '', isNew: true }])} disabled={rows.length >= 30} data-testid="stage-add">
            {t('contacts.stages.add')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={() => stages.data && load(stages.data)}>{t('contacts.stages.reset')}</Button>
            <Button onClick={() => void save()} loading={saving} data-testid="stages-save">{t('common.save')}</Button>
          </Group>
        </Group>
      </Stack>
    </>
  );
}
