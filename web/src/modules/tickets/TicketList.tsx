/**
 * /tickets: the engine's generic list of tickets with the desk's built-in views (views.ts), the SLA dues with their
 * badges and the team by name (TicketCells.tsx), starting on the columns an agent works from; above it the agent's
 * own status (AgentStatus.tsx).
 */
import { RecordListPage, type RecordListExtras } from '../../ui/records/RecordListPage';
import { AgentStatusControl } from './AgentStatus';
import { DueCell, TeamCell } from './TicketCells';
import { TICKET_COLUMNS, ticketPresets } from './views';

const extras: RecordListExtras = {
  presets: ({ user, now, t }) => ticketPresets(user, now).map((p) => ({ ...p, label: t(`tickets.views.${p.id}`) })),
  cells: { sla_due_at: DueCell, first_response_due: DueCell, resolution_due: DueCell, team: TeamCell },
  columns: TICKET_COLUMNS,
};

export function TicketList() {
  return (
    <>
      <AgentStatusControl />
      <RecordListPage name="tickets" extras={extras} />
    </>
  );
}
