import { describe, expect, it } from 'vitest';
import { workspaceSettingsInput } from '../../../../contracts/workspace.js';
import { DEFAULT_WORKSPACE, eventOfType, preferenceMatrix, sniffImage } from './workspace.logic.js';

describe('workspace logic', () => {
  it.each([
    ['activity.mention', 'mentions'],
    ['task.reminder', 'task_reminders'],
    ['task.due', 'task_reminders'],
    ['task.overdue', 'task_reminders'],
    ['task.created', 'deal_stage_tasks'],
    ['lead.assigned', 'assignments'],
    ['task.assigned', 'assignments'],
    ['import.finished', 'imports'],
    ['duplicates.found', 'duplicates'],
    ['ticket.sla_warning', 'sla_escalations'],
    ['ticket.sla_breached', 'sla_escalations'],
    ['invoice.paid', null],
  ])('%s is of kind %s', (type, kind) => {
    expect(eventOfType(type)).toBe(kind);
  });

  it('fills the matrix with defaults in the contract order', () => {
    const m = preferenceMatrix([{ event: 'imports', inApp: false, email: true, push: false }]);
    expect(m.map((r) => r.event)).toEqual(['mentions', 'task_reminders', 'deal_stage_tasks', 'assignments', 'imports', 'duplicates', 'sla_escalations']);
    expect(m[4]).toEqual({ event: 'imports', inApp: false, email: true, push: false });
    expect(m[0]).toEqual({ event: 'mentions', inApp: true, email: false, push: false });
  });

  it('recognises PNG and JPEG by their bytes only', () => {
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });

  it('the defaults are valid input', () => {
    expect(workspaceSettingsInput.parse(DEFAULT_WORKSPACE)).toEqual(DEFAULT_WORKSPACE);
  });
});
