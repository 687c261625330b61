/**
 * A field's value shown read-only, by type: money in its currency, select options as coloured badges in the
 * UI language, relations as links to the related record, e-mail/phone/url as links, booleans, ratings.
 */
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, numberFormat } from '../format';
import { recordHref } from './data';
import { formatMoney, isBlank, isMoney, shown } from './logic';
import { usePersonName } from './pickers';
import { localized, type FieldDef } from './types';

export interface Included {
  id: string;
  title: string;
}

/** The value as one line of text (kanban cards, exports shown in the UI, timeline changes). */
export function useFieldText() {
  const { t, i18n } = useTranslation();
  const person = usePersonName();
  return (field: FieldDef, v: unknown, included?: Included | null): string => {
    if (isBlank(v)) return '';
    const f = shown(field);
    switch (f.type) {
      case 'money': return isMoney(v) ? formatMoney(v, i18n.language) : String(v);
      case 'number': return typeof v === 'number' ? numberFormat(i18n.language).format(v) : String(v);
      case 'percent': return typeof v === 'number' ? `${numberFormat(i18n.language).format(v)} %` : String(v);
      case 'date': return formatDate(String(v));
      case 'datetime': return formatDateTime(String(v));
      case 'boolean': return v ? t('records.yes') : t('records.no');
      case 'select': return localized(f.options?.find((o) => o.value === v)?.labels, i18n.language) || String(v);
      case 'multi_select': return (v as string[]).map((x) => localized(f.options?.find((o) => o.value === x)?.labels, i18n.language) || x).join(', ');
      case 'user': return person(String(v));
      case 'relation': return included?.title ?? String(v);
      case 'rating': return '★'.repeat(Number(v));
      default: return typeof v === 'string' ? v : JSON.stringify(v);
    }
  };
}

export function OptionBadge({ f, value }: { f: FieldDef; value: string }) {
  const { i18n } = useTranslation();
  const o = f.options?.find((x) => x.value === value);
  return <Badge variant="light" color={o?.color || 'gray'} tt="none">{localized(o?.labels, i18n.language) || value}</Badge>;
}

export function FieldValue({ f: field, value, included }: { f: FieldDef; value: unknown; included?: Included | null }) {
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
        ? <Anchor component={Link} to={recordHref(target, String(value))} size="sm" data-testid={`relation-${f.key}`}>{text(f, value, included)}</Anchor>
        : <Text span size="sm">{String(value)}</Text>;
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
