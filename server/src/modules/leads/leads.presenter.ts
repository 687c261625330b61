/** Rule rows → wire (snake_case stops here). */
import type { AssignmentRule, ScoringRule } from '../../../../contracts/leads.js';
import type { AssignmentRuleRow, ScoringRuleRow } from './leads.repository.js';

export const presentScoringRule = (r: ScoringRuleRow): ScoringRule => ({
  id: r.id, field: r.field, operator: r.operator as ScoringRule['operator'], value: r.value, points: Number(r.points), active: Number(r.active) === 1,
  position: Number(r.position), updatedAt: r.updated_at,
});

export const presentAssignmentRule = (r: AssignmentRuleRow): AssignmentRule => ({
  id: r.id, name: r.name, conditions: JSON.parse(r.conditions) as AssignmentRule['conditions'], teamId: r.team_id, teamName: r.team_name,
  userId: r.user_id, userName: r.user_name, active: Number(r.active) === 1, position: Number(r.position), updatedAt: r.updated_at,
});
