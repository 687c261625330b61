/**
 * The `import_warning` timeline items: on a contact's or company's timeline, each cell an import left out of it (the value as
 * written and why), so what the file held stays in sight on the record page. Stored apart from the contact, so
 * no later edit of the contact loses it.
 */
import type { TimelineItem } from '../../../../contracts/activities.js';
import type { Locale } from '../../../../contracts/common.js';
import { registerTimelineSource } from '../activities/index.js';
import { importsRepository as repo } from './imports.repository.js';
import { warningText } from './imports.presenter.js';
import type { ImportWarningsTable } from './imports.tables.js';

export const WARNING_ITEM = 'import_warning';

const heading: Record<Locale, string> = { en: 'Not imported', vi: 'Không nhập được' };

/** A stored warning → a timeline item; title in the reader's language ('Not imported — Birthday: "31/02/1990" is not a date'). */
export function warningItem(w: ImportWarningsTable, locale: Locale): TimelineItem {
  return {
    id: w.id, type: WARNING_ITEM, source: 'imports', occurredAt: w.created_at,
    title: `${heading[locale]} — ${warningText(w, locale)}`, actor: null, activity: null, changes: null,
    data: { column: w.column_name, value: w.value, row: w.row_number, code: w.code },
    link: `/imports/${w.import_id}`,
  };
}

export function registerWarningTimeline(): void {
  registerTimelineSource('imports', {
    types: [WARNING_ITEM],
    entities: ['contact', 'company'],
    async fetch(ex, p, q) {
      const rows = await repo.warningsOfRecord(ex, q.id, q.before, q.limit);
      return rows.map((w) => warningItem(w, p.locale === 'vi' ? 'vi' : 'en'));
    },
  });
}
