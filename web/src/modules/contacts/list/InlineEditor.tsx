/**
 * In-place editors for simple cells (stage, owner, size, short text). They commit on choose / Enter /
 * blur and cancel on Escape; the list applies the change optimistically and rolls back on error.
 */
import { useRef } from 'react';
import { Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePeople, useStages } from '../data';
import { localized } from '../logic';
import { COMPANY_SIZES, type AnyRow, type InlineEdit } from './columns';

export interface Change {
  patch: Record<string, unknown>;
  shown: Partial<AnyRow>;
}

interface Props {
  edit: InlineEdit;
  row: AnyRow;
  onCommit: (c: Change) => void;
  onCancel: () => void;
}

function Choose({ data, value, onPick, onCancel, label }: { data: { value: string; label: string }[]; value: string | null; onPick: (v: string, label: string) => void; onCancel: () => void; label: string }) {
  return (
    <Select
      size="xs" data={data} value={value} autoFocus defaultDropdownOpened searchable allowDeselect={false} aria-label={label}
      onChange={(v, opt) => (v && v !== value ? onPick(v, opt?.label ?? v) : onCancel())}
      onDropdownClose={onCancel} onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      style={{ width: '100%' }} comboboxProps={{ withinPortal: true }} data-testid="inline-select"
    />
  );
}

export function InlineEditor({ edit, row, onCommit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const stages = useStages().data ?? [];
  const people = usePeople(row.owner ? [{ value: row.owner.id, label: row.owner.name }] : []);

  if (edit.type === 'stage') {
    const data = stages.map((s) => ({ value: s.value, label: localized(s.label, i18n.language) }));
    const value = (row as { lifecycleStage?: string }).lifecycleStage ?? null;
    return <Choose data={data} value={value} label={t('contacts.fields.lifecycleStage')} onCancel={onCancel} onPick={(v) => onCommit({ patch: { lifecycleStage: v }, shown: { lifecycleStage: v } as Partial<AnyRow> })} />;
  }
  if (edit.type === 'owner') {
    return <Choose data={people} value={row.ownerId} label={t('contacts.fields.owner')} onCancel={onCancel} onPick={(v, label) => onCommit({ patch: { ownerId: v }, shown: { ownerId: v, owner: { id: v, name: label } } })} />;
  }
  if (edit.type === 'size') {
    const value = (row as { size?: string | null }).size ?? null;
    return <Choose data={COMPANY_SIZES.map((s) => ({ value: s, label: s }))} value={value} label={t('contacts.fields.size')} onCancel={onCancel} onPick={(v) => onCommit({ patch: { size: v }, shown: { size: v } as Partial<AnyRow> })} />;
  }
  return <TextEditor edit={edit} row={row} onCommit={onCommit} onCancel={onCancel} />;
}

function TextEditor({ edit, row, onCommit, onCancel }: Props & { edit: Extract<InlineEdit, { type: 'text' }> }) {
  const { t } = useTranslation();
  const done = useRef(false);
  const initial = edit.get(row) ?? '';
  const commit = (raw: string) => {
    if (done.current) return;
    done.current = true;
    const v = raw.trim();
    if (v === initial) return onCancel();
    onCommit({ patch: { [edit.field]: v || null }, shown: { [edit.field]: v || null } as Partial<AnyRow> });
  };
  return (
    <TextInput
      size="xs" defaultValue={initial} autoFocus style={{ width: '100%' }} aria-label={t(`contacts.fields.${edit.field}`)} data-testid="inline-text"
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
        if (e.key === 'Escape') {
          done.current = true;
          onCancel();
        }
      }}
      onBlur={(e) => commit(e.currentTarget.value)}
    />
  );
}
