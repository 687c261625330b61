/**
 * /deals/list: the engine's generic list of deals, starting on the columns a seller works from, with the next
 * step's time — or the "No next step" flag on an open deal without an open task (NextStep.tsx).
 */
import { RecordListPage, type RecordListExtras } from '../../ui/records/RecordListPage';
import { NextStepCell } from './NextStep';

const extras: RecordListExtras = {
  cells: { next_step_at: NextStepCell },
  columns: ['amount', 'stage', 'company', 'close_date', 'next_step_at'],
};

export function DealList() {
  return <RecordListPage name="deals" extras={extras} />;
}
