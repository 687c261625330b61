/**
 * The export button of the contacts and companies lists: CSV (optionally with a UTF-8 BOM for Excel), XLSX
 * or vCard 4.0 (companies: KIND:org cards) of the list as filtered and sorted, or of the selected rows. The
 * browser downloads the file straight from GET /api/v1/contacts/export or /companies/export (streamed;
 * needs the module's export permission, audited).
 *
 * @example
 *   <ExportMenu entity="company" params={{ filter, sort, q, ids: selectedIds }} />
 */
import { useState } from 'react';
import { Button, Menu, Switch, Text } from '@mantine/core';
import { IconAddressBook, IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { notifySuccess } from '../../ui/notify';
import { EXPORT_PATHS, exportUrl, type ExportFormat, type ExportParams } from './logic';

export type { ExportParams };

/** Starts a download without leaving the page (the server answers with Content-Disposition: attachment). */
function download(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function ExportMenu({ params, entity = 'contact', size = 'sm' }: { params: ExportParams; entity?: 'contact' | 'company'; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const user = useUser();
  const [bom, setBom] = useState(true);
  const company = entity === 'company';
  if (!can(user, company ? 'companies' : 'contacts', 'export')) return null;
  const selected = params.ids?.length ?? 0;
  const go = (format: ExportFormat) => {
    download(exportUrl(params, format, bom, EXPORT_PATHS[entity]));
    notifySuccess(t('imports.exportStarted'));
  };
  return (
    <Menu position="bottom-end" withinPortal closeOnItemClick>
      <Menu.Target>
        <Button variant="default" size={size} leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="export-menu">
          {t('imports.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={300}>
        <Menu.Label>
          {selected
            ? t(company ? 'imports.exportSelectedCompanies' : 'imports.exportSelected', { count: selected })
            : t(company ? 'imports.exportFilteredCompanies' : 'imports.exportFiltered')}
        </Menu.Label>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => go('csv')} data-testid="export-csv">
          <Text size="sm">{t('imports.exportCsv')}</Text>
          <Text size="xs" c="dimmed">{t('imports.exportCsvHint')}</Text>
        </Menu.Item>
        <Menu.Item closeMenuOnClick={false} onClick={() => setBom((b) => !b)} data-testid="export-bom">
          <Switch size="xs" checked={bom} onChange={() => undefined} label={t('imports.exportBom')} styles={{ track: { cursor: 'pointer' } }} tabIndex={-1} />
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => go('xlsx')} data-testid="export-xlsx">{t('imports.exportXlsx')}</Menu.Item>
        <Menu.Item leftSection={<IconAddressBook size={16} />} onClick={() => go('vcf')} data-testid="export-vcf">
          <Text size="sm">{t('imports.exportVcf')}</Text>
          <Text size="xs" c="dimmed">{t(company ? 'imports.exportVcfCompaniesHint' : 'imports.exportVcfHint')}</Text>
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
