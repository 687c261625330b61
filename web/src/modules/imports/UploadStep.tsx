/** Step 1: choose what to import and from where, then drop the file (uploaded with a progress bar). */
import { useEffect, useRef, useState } from 'react';
import { Group, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import '@mantine/dropzone/styles.css';
import { presetChoices } from '../../../../contracts/imports';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { FormAlert } from '../../ui/FormAlert';
import { uploadImport, useCsrfToken, type ImportCreated } from './data';
import { acceptsFile } from './logic';

/** Company files come from spreadsheets, HubSpot or Salesforce; Google, Outlook and vCard hold people. */
const presetsFor = (entity: string): string[] => (entity === 'company' ? ['auto', 'hubspot', 'salesforce'] : [...presetChoices]);

/**
 * Types the picker offers, as MIME type → extensions (react-dropzone's form): extensions listed among MIME types warn
 * in the console ("Skipped \".csv\" because it is not a valid MIME type"). The server checks the content anyway.
 */
const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
  'text/tab-separated-values': ['.tsv'],
  'text/vcard': ['.vcf', '.vcard'],
  'text/x-vcard': ['.vcf', '.vcard'],
  'application/vnd.ms-excel': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

export function UploadStep({ onUploaded, onEntity }: { onUploaded: (created: ImportCreated) => void; onEntity?: (entity: 'contact' | 'company') => void }) {
  const { t } = useTranslation();
  const csrf = useCsrfToken();
  // /imports/new?entity=company (the companies list's Import entry) starts on companies.
  const [params] = useSearchParams();
  const user = useUser();
  const mayContacts = can(user, 'contacts', 'create');
  const mayCompanies = can(user, 'companies', 'create');
  const [entity, setEntity] = useState<'contact' | 'company'>((params.get('entity') === 'company' && mayCompanies) || !mayContacts ? 'company' : 'contact');
  const [preset, setPreset] = useState<string>('auto');
  useEffect(() => onEntity?.(entity), [entity, onEntity]);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<(() => void) | null>(null);

  const take = async (files: File[]) => {
    const file = files[0];
    if (!file) return;
    if (!acceptsFile(file.name)) {
      setError(t('imports.badFile', { name: file.name }));
      return;
    }
    setError(null);
    setProgress({ name: file.name, fraction: 0 });
    const up = uploadImport(file, { entity, preset }, csrf(), (fraction) => setProgress({ name: file.name, fraction }));
    abort.current = up.abort;
    try {
      onUploaded(await up.promise);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(errorMessage(e, t));
      setProgress(null);
    }
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('imports.entity')}</Text>
          <SegmentedControl value={entity} data-testid="import-entity"
            onChange={(v) => {
              setEntity(v as 'contact' | 'company');
              if (!presetsFor(v).includes(preset)) setPreset('auto');
            }}
            data={[
              { value: 'contact', label: t('imports.entities.contact'), disabled: !mayContacts },
              { value: 'company', label: t('imports.entities.company'), disabled: !mayCompanies },
            ]} />
        </Stack>
        <Select label={t('imports.preset')} value={preset} onChange={(v) => setPreset(v ?? 'auto')} allowDeselect={false} data-testid="import-preset"
          data={presetsFor(entity).map((p) => ({ value: p, label: t(`imports.presets.${p}`) }))} />
      </SimpleGrid>
      <Dropzone onDrop={(f) => void take(f)} multiple={false} loading={progress !== null} data-testid="import-dropzone"
        accept={ACCEPT}
        onReject={(r) => setError(t('imports.badFile', { name: r[0]?.file.name ?? '' }))}>
        <Group justify="center" gap="lg" mih={160} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept><IconUpload size={48} stroke={1.5} /></Dropzone.Accept>
          <Dropzone.Reject><IconX size={48} stroke={1.5} /></Dropzone.Reject>
          <Dropzone.Idle><IconFileSpreadsheet size={48} stroke={1.5} color="var(--mantine-color-dimmed)" /></Dropzone.Idle>
          <div>
            <Text size="lg" fw={500}>{t('imports.drop')}</Text>
            <Text size="sm" c="dimmed" mt={4}>{t(entity === 'company' ? 'imports.dropHintCompany' : 'imports.dropHint')}</Text>
          </div>
        </Group>
      </Dropzone>
      {progress && (
        <Stack gap={4} data-testid="upload-progress">
          <Text size="sm">{t('imports.uploading', { name: progress.name, percent: Math.round(progress.fraction * 100) })}</Text>
          <Progress value={progress.fraction * 100} animated />
        </Stack>
      )}
      <FormAlert message={error} />
    </Stack>
  );
}
