/**
 * Service desk tickets: a standard object of the records engine (`/api/v1/tickets`), numbered, with a public
 * request form. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { ticketsMigrations } from './tickets.migrations.js';
import { ticketsRoutes } from './tickets.routes.js';
import { loadTicketsDemo } from './tickets.demo.js';
import { SLA_SWEEP_JOB, sweepSla } from './tickets.escalation.sweep.js';
import { startTicketSurvey } from './tickets.survey.js';
import { ticketSurveyRoutes } from './tickets.survey.routes.js';
import { ticketMergeRoutes } from './tickets.merge.routes.js';
import './tickets.timeline.js';
import { ticketMessagesMigrations } from './tickets.messages.migrations.js';
import { ticketMessagesRoutes } from './tickets.messages.routes.js';
import { startTicketConversation, stopTicketConversation } from './tickets.inbound.js';
import { ticketCannedMigrations } from './tickets.canned.migrations.js';
import { ticketLinksMigrations } from './tickets.links.migrations.js';
import { ticketCannedRoutes } from './tickets.canned.routes.js';
import { ticketPresenceRoutes } from './tickets.presence.routes.js';
import { ticketImapMigrations } from './tickets.imap.migrations.js';
import { ticketImapRoutes } from './tickets.imap.routes.js';
import { startImapPolling } from './tickets.imap.js';
import { ticketQuarantineRoutes } from './tickets.quarantine.routes.js';
import { ticketAgentsMigrations } from './tickets.agents.migrations.js';
import { ticketAgentRoutes } from './tickets.agents.routes.js';
import { startTicketAgents } from './tickets.agents.js';
import './tickets.tables.js';
import './tickets.definition.js';

export { ticketsDefinition } from './tickets.definition.js';

export const module: KithModule = {
  name: 'tickets',
  migrations: { ...ticketsMigrations, ...ticketMessagesMigrations, ...ticketCannedMigrations, ...ticketImapMigrations, ...ticketAgentsMigrations, ...ticketLinksMigrations },
  permissions: [{ key: 'tickets', label: { en: 'Tickets', vi: 'Phiếu hỗ trợ' }, scoped: true }],
  routes(app, ctx) { ticketsRoutes(app, ctx); ticketMessagesRoutes(app, ctx); ticketCannedRoutes(app, ctx); ticketPresenceRoutes(app, ctx); ticketSurveyRoutes(app, ctx); ticketMergeRoutes(app, ctx); ticketImapRoutes(app, ctx); ticketQuarantineRoutes(app, ctx); ticketAgentRoutes(app, ctx); },
  async start(ctx) {
    ctx.services.jobs.register(SLA_SWEEP_JOB, () => sweepSla(ctx.database));
    await ctx.services.jobs.schedule(SLA_SWEEP_JOB, '* * * * *', SLA_SWEEP_JOB, {});
    startTicketSurvey(ctx);
    startTicketAgents(ctx);
    await startTicketConversation(ctx);
    await startImapPolling(ctx);
  },
  stop: stopTicketConversation,
  demo: loadTicketsDemo,
};
