import { Checkbox, Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PermissionModule } from './data';
import type { Scope } from '../../../app/session';
import { ACTIONS, SCOPES, setScope, toggleAction, type Grants } from './permissions';

/** Rows = permission modules, columns = actions + scope. Disabled (and greyed) for admin roles. */
export function PermissionMatrix({ modules, value, onChange, disabled }: { modules: PermissionModule[]; value: Grants; onChange: (g: Grants) => void; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'vi' ? 'vi' : 'en';
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder data-testid="permission-matrix" style={{ opacity: disabled ? 0.55 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.module')}</Table.Th>
            {ACTIONS.map((a) => <Table.Th key={a} ta="center">{t(`roles.actions.${a}`)}</Table.Th>)}
            <Table.Th w={140}>{t('roles.scope')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {modules.map((m) => {
            const grant = value[m.key];
            return (
              <Table.Tr key={m.key} data-testid={`perm-row-${m.key}`}>
                <Table.Td><Text size="sm" fw={500}>{m.label[lang]}</Text></Table.Td>
                {ACTIONS.map((a) => (
                  <Table.Td key={a} ta="center">
                    <Checkbox
                      aria-label={`${m.label[lang]}: ${t(`roles.actions.${a}`)}`}
                      checked={grant?.actions.includes(a) ?? false}
                      disabled={disabled}
                      onChange={(e) => onChange(toggleAction(value, m.key, a, e.currentTarget.checked, m.scoped ? 'own' : 'all'))}
                      data-testid={`perm-${m.key}-${a}`}
                      style={{ display: 'inline-block' }}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  {m.scoped ? (
                    <Select size="xs" data={SCOPES.map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))} value={grant?.scope ?? 'own'}
                      disabled={disabled || !grant} allowDeselect={false} onChange={(s) => s && onChange(setScope(value, m.key, s as Scope))}
                      data-testid={`perm-${m.key}-scope`} comboboxProps={{ withinPortal: true }} />
                  ) : (
                    <Text size="xs" c="dimmed">{t('roles.unscoped')}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
