/** Failed rows as a table: row number and the reasons in the UI language (validation report and final report). */
import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RowErrorReport } from '../../../../contracts/imports';
import { rowErrorLines } from './logic';

export function RowErrorsTable({ rows, testId }: { rows: RowErrorReport[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={260} maxHeight={320}>
      <Table striped fz="sm" data-testid={testId}>
        <Table.Thead><Table.Tr><Table.Th w={80}>{t('imports.row')}</Table.Th><Table.Th>{t('imports.error')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.row}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Stack gap={2}>{rowErrorLines(t, r).map((line, i) => <Text key={i} size="sm">{line}</Text>)}</Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
