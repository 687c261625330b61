/**
 * A field's value shown read-only, by type: money in its currency, select options as coloured badges in the
 * UI language, relations as links to the related record, e-mail/phone/url as links, booleans, ratings.
 */
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { recordHref } from './data';
import { isBlank, shown } from './logic';
import { usePersonName, useTeamName } from './pickers';
import { fieldText, type Included, type TextContext } from './text';
import { localized, type FieldDef } from './types';

export type { Included } from './text';

/** The value as one line of text (kanban cards, exports shown in the UI, timeline changes): `fieldText` in the UI language. */
export function useFieldText() {
  const { t, i18n } = useTranslation();
  const person = usePersonName();
  const team = useTeamName();
  const ctx: TextContext = { language: i18n.language, t, person, team };
  return (field: FieldDef, v: unknown, included?: Included | Included[] | null): string => fieldText(field, v, ctx, included);
}

export function OptionBadge({ f, value }: { f: FieldDef; value: string }) {
  const { i18n } = useTranslation();
  const o = f.options?.find((x) => x.value === value);
  return <Badge variant="light" color={o?.color || 'gray'} tt="none">{localized(o?.labels, i18n.language) || value}</Badge>;
}

export function FieldValue({ f: field, value, included }: { f: FieldDef; value: unknown; included?: Included | Included[] | null }) {
  const text = useFieldText();
  const f = shown(field);
  if (isBlank(value)) return <Text span size="sm" c="dimmed">—</Text>;
  switch (f.type) {
    case 'select':
      return <OptionBadge f={f} value={String(value)} />;
    case 'multi_select':
      return <Group gap={4}>{(value as string[]).map((v) => <OptionBadge key={v} f={f} value={v} />)}</Group>;
    case 'relation': {
      const target = f.relation?.target;
      return target
        ? <Anchor component={Link} to={recordHref(target, String(value))} size="sm" data-testid={`relation-${f.key}`}>{text(f, value, Array.isArray(included) ? null : included)}</Anchor>
        : <Text span size="sm">{String(value)}</Text>;
    }
    case 'relations': {
      // Chips linking to each record (titles from `includedMany`; ids the reader may not see stay as ids).
      const target = f.relation?.target ?? '';
      const titles = new Map((Array.isArray(included) ? included : []).map((x) => [x.id, x.title]));
      return (
        <Group gap={4} data-testid={`relations-${f.key}`}>
          {(value as string[]).map((id) => (
            <Badge key={id} variant="light" color="blue" tt="none" component={Link} to={recordHref(target, id)} style={{ cursor: 'pointer' }} data-testid="relation-chip">
              {titles.get(id) ?? id}
            </Badge>
          ))}
        </Group>
      );
    }
    case 'email': return <Anchor href={`mailto:${String(value)}`} size="sm">{String(value)}</Anchor>;
    case 'phone': return <Anchor href={`tel:${String(value)}`} size="sm">{String(value)}</Anchor>;
    case 'url': return <Anchor href={String(value)} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>{String(value)}</Anchor>;
    case 'rating':
      return (
        <Group gap={2} role="img" aria-label={String(value)}>
          {Array.from({ length: Number(value) }, (_, i) => <IconStarFilled key={i} size={14} color="var(--mantine-color-yellow-6)" />)}
        </Group>
      );
    case 'long_text': return <Text span size="sm" style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</Text>;
    default: return <Text span size="sm">{text(f, value, included)}</Text>;
  }
}
