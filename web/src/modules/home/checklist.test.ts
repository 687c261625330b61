import { describe, expect, it } from 'vitest';
import { checklistItems } from './checklist';

const t0 = '2026-12-01T00:00:00.000Z';
const t1 = '2026-12-02T00:00:00.000Z';
const done = (facts: Parameters<typeof checklistItems>[0]) => Object.fromEntries(checklistItems(facts).map((i) => [i.key, i.done]));

describe('checklistItems', () => {
  it('a fresh workspace has everything to do', () => {
    expect(done({ users: 1, importStatuses: [], workspace: { companyName: '', updatedAt: null }, pipelines: [{ createdAt: t0, updatedAt: t0 }] }))
      .toEqual({ invite: false, import: false, workspace: false, pipeline: false });
  });

  it('checks each item from the data', () => {
    expect(done({ users: 2, importStatuses: ['failed', 'completed'], workspace: { companyName: 'Sao Mai', updatedAt: null }, pipelines: [{ createdAt: t0, updatedAt: t1 }] }))
      .toEqual({ invite: true, import: true, workspace: true, pipeline: true });
    expect(done({ users: 1, importStatuses: ['reverted', 'mapping'], workspace: { companyName: '', updatedAt: t1 }, pipelines: [{ createdAt: t0, updatedAt: t0 }, { createdAt: t1, updatedAt: t1 }] }))
      .toEqual({ invite: false, import: false, workspace: true, pipeline: true });
  });

  it('unknown while loading; unreadable workspace settings count as not done', () => {
    expect(done({ users: undefined, importStatuses: undefined, workspace: null, pipelines: undefined }))
      .toEqual({ invite: undefined, import: undefined, workspace: false, pipeline: undefined });
  });
});
