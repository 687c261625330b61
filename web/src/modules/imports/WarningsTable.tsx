/**
 * Cells an import left out of their records (validation report and final report): row, column, the value as
 * written and the reason in the UI language; in the final report a link opens the record, whose timeline keeps it.
 */
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportWarning } from '../../../../contracts/imports';
import { rowErrorLines } from './logic';

export function WarningsTable({ rows, testId, entity }: { rows: ImportWarning[]; testId: string; entity: 'contact' | 'company' }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420} maxHeight={320}>
      <Table striped fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('imports.row')}</Table.Th><Table.Th>{t('imports.warningColumn')}</Table.Th><Table.Th>{t('imports.value')}</Table.Th>
            <Table.Th>{t('imports.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((w, i) => (
            <Table.Tr key={`${w.row}:${i}`} data-testid="import-warning">
              <Table.Td>
                {w.recordId
                  ? <Anchor component={Link} to={`/${entity === 'company' ? 'companies' : 'contacts'}/${w.recordId}`} size="sm">{w.row}</Anchor>
                  : w.row}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{w.column}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}><Text size="sm" ff="monospace">{w.value}</Text></Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{rowErrorLines(t, { error: w.reason, issues: [{ code: w.code, params: w.params, message: w.reason }] })[0]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
