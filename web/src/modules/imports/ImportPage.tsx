/**
 * The import wizard: /imports/new (upload) and /imports/:id (map → check → run → report). Revisiting
 * an import opens it at the step its status belongs to; the preview rows come with the upload.
 */
import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Paper, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Mapping } from '../../../../contracts/imports';
import { api } from '../../app/api';
import { useConfirm } from '../../ui/confirm';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { importKey, useImport, type ImportCreated } from './data';
import { stepOf } from './logic';
import { MappingStep } from './MappingStep';
import { RunStep } from './RunStep';
import { UploadStep } from './UploadStep';
import { ValidateStep } from './ValidateStep';

const STEPS = ['upload', 'map', 'validate', 'run', 'report'] as const;

export function ImportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const created = (location.state as { created?: ImportCreated } | null)?.created;
  const query = useImport(id);
  const imp = query.data;
  const [phase, setPhase] = useState<'map' | 'validate'>('map');
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [saveAs, setSaveAs] = useState('');
  // Before the upload the title follows the entity chosen in the upload step; after it, the import's own.
  const [chosen, setChosen] = useState<'contact' | 'company'>('contact');
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const confirm = useConfirm();

  /** Discards an import not started yet: its upload is deleted (DELETE /imports/{id}). */
  const discard = async () => {
    if (!imp || !(await confirm({ title: t('imports.discardTitle'), message: t('imports.discardMessage'), confirmLabel: t('imports.discard') }))) return;
    try {
      await api.delete(`/imports/${imp.id}`);
      qc.removeQueries({ queryKey: importKey(imp.id) });
      void qc.invalidateQueries({ queryKey: ['/imports'] });
      notifySuccess(t('imports.discarded'));
      navigate('/imports');
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };

  useEffect(() => {
    if (imp && mapping === null) setMapping(created?.suggestedMapping && created.id === imp.id ? created.suggestedMapping : imp.mapping);
  }, [imp, mapping, created]);

  const onUploaded = (c: ImportCreated) => {
    qc.setQueryData(importKey(c.id), c);
    navigate(`/imports/${c.id}`, { state: { created: c } });
  };

  const step = !id ? 'upload' : imp ? (stepOf(imp.status) === 'map' ? phase : imp.status === 'queued' || imp.status === 'running' ? 'run' : 'report') : 'map';
  const title = (imp?.entity ?? chosen) === 'company' ? t('imports.wizardTitleCompany') : t('imports.wizardTitle');

  return (
    <>
      <Anchor component={Link} to="/imports" size="sm" c="dimmed" display="inline-flex" mb="xs" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {t('imports.toHistory')}
      </Anchor>
      <PageHeader title={title} />
      {/* On a phone the steps show as numbers with the current step's name under them. */}
      <Stepper active={step === 'report' ? STEPS.length : STEPS.indexOf(step)} size="sm" mb={phone ? 'xs' : 'lg'} allowNextStepsSelect={false} data-testid="import-stepper"
        iconSize={phone ? 28 : undefined}>
        {STEPS.map((s) => <Stepper.Step key={s} label={phone ? undefined : t(`imports.steps.${s}`)} />)}
      </Stepper>
      {phone && <Text size="sm" fw={600} mb="md">{STEPS.indexOf(step) + 1}/{STEPS.length} · {t(`imports.steps.${step}`)}</Text>}
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        {!id ? <UploadStep onUploaded={onUploaded} onEntity={setChosen} />
          : query.isPending ? <LoadingState />
          : query.error || !imp ? <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          : step === 'map' && mapping ? (
            <>
              <MappingStep imp={imp} sample={created?.id === imp.id ? created.sample : []} mapping={mapping} onMapping={setMapping} saveAs={saveAs} onSaveAs={setSaveAs} />
              <Group justify="space-between" mt="md">
                <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => void discard()} data-testid="import-discard">{t('imports.discard')}</Button>
                <Button onClick={() => setPhase('validate')} data-testid="import-next">{t('imports.next')}</Button>
              </Group>
            </>
          )
          : step === 'validate' && mapping ? <ValidateStep imp={imp} mapping={mapping} saveAs={saveAs} onBack={() => setPhase('map')} onStarted={() => void query.refetch()} />
          : step === 'run' || step === 'report' ? <RunStep imp={imp} />
          : <LoadingState />}
      </Paper>
    </>
  );
}
