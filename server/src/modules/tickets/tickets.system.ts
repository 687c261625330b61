/** The system principal public requests are written as. */
import type { Principal } from '../../platform/auth/principal.js';

/** The id public requests are written by (no user row: record events show its label "Support form"). */
export const SUPPORT_FORM_USER_ID = 'system-support-form';

/** The principal of public requests: writes the contact and the ticket as the system. */
export function systemPrincipal(): Principal {
  return {
    kind: 'user', userId: SUPPORT_FORM_USER_ID, email: 'support-form@system', name: 'Support form', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}

/** The id the SLA escalation sweep writes breach actions as (record events show its label "SLA escalation"). */
export const SLA_SYSTEM_USER_ID = 'system-sla';

/** The principal of the escalation sweep's breach actions (raise priority, reassign). */
export function slaPrincipal(): Principal {
  return {
    kind: 'user', userId: SLA_SYSTEM_USER_ID, email: 'sla@system', name: 'SLA escalation', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}
