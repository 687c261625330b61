import { describe, expect, it } from 'vitest';
import { en } from './i18n.en';
import { vi } from './i18n.vi';
import { filterOps } from './logic';
import { chipText, fieldText, type TextContext } from './text';
import type { FieldDef } from './types';

const field = (key: string, type: FieldDef['type'], labels: { en: string; vi: string }, extra: Partial<FieldDef> = {}): FieldDef => ({
  key, type, labels, help: null, required: false, unique: false, default: null, classification: 'internal',
  filterable: true, sortable: true, searchable: false, options: null, currency: null, relation: null, readOnly: false, archived: false, position: 0, ...extra,
});

const teams = new Map([['t-hn', 'Hỗ trợ Hà Nội'], ['t-sg', 'Support Saigon']]);
const ctx = (language: 'en' | 'vi'): TextContext => {
  const bundle = { records: language === 'vi' ? vi : en };
  return {
    language,
    t: (key) => String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], bundle)),
    person: (id) => (id === 'u1' ? 'Lan' : id),
    team: (id) => teams.get(id) ?? id,
  };
};

// A ticket's team: a text field holding the team's id, shown by the team's name.
const team = field('team', 'text', { en: 'Team', vi: 'Nhóm' }, { display: 'team' });

describe('filter chips', () => {
  it('show a team field by the team name, not its id', () => {
    expect(chipText(team, { field: 'team', op: 'eq', value: 't-hn' }, ctx('en'))).toBe('Team is Hỗ trợ Hà Nội');
    expect(chipText(team, { field: 'team', op: 'neq', value: 't-sg' }, ctx('vi'))).toBe(`Nhóm ${vi.ops.neq} Support Saigon`);
    expect(chipText(team, { field: 'team', op: 'in', value: ['t-sg', 't-hn'] }, ctx('en'))).toBe('Team is any of Support Saigon, Hỗ trợ Hà Nội');
    expect(chipText(team, { field: 'team', op: 'empty' }, ctx('en'))).toBe('Team is empty');
  });

  it('offer a team field the choice operators (pick teams), not "contains"', () => {
    expect(filterOps(team)).toEqual(['eq', 'neq', 'in', 'empty', 'not_empty']);
    expect(filterOps(field('subject', 'text', { en: 'Subject', vi: 'Tiêu đề' }))).toContain('contains');
  });

  it('fall back to the id for a team the directory does not know', () => {
    expect(chipText(team, { field: 'team', op: 'eq', value: 'gone' }, ctx('en'))).toBe('Team is gone');
  });

  it('leave a plain text field as typed, and show people, options and money by their words', () => {
    const subject = field('subject', 'text', { en: 'Subject', vi: 'Tiêu đề' });
    expect(chipText(subject, { field: 'subject', op: 'contains', value: 't-hn' }, ctx('en'))).toBe('Subject contains t-hn');
    const agent = field('agent', 'user', { en: 'Agent', vi: 'Nhân viên' });
    expect(chipText(agent, { field: 'agent', op: 'eq', value: 'u1' }, ctx('vi'))).toBe(`Nhân viên ${vi.ops.eq} Lan`);
    const status = field('status', 'select', { en: 'Status', vi: 'Trạng thái' }, { options: [{ value: 'open', labels: { en: 'Open', vi: 'Đang xử lý' }, color: 'cyan', position: 0 }] });
    expect(chipText(status, { field: 'status', op: 'eq', value: 'open' }, ctx('vi'))).toBe(`Trạng thái ${vi.ops.eq} Đang xử lý`);
    const amount = field('amount', 'money', { en: 'Amount', vi: 'Giá trị' }, { currency: 'USD' });
    expect(chipText(amount, { field: 'amount', op: 'gte', value: 150_00 }, ctx('en'))).toMatch(/^Amount at least .*150/);
  });
});

describe('field text', () => {
  it('shows a team id by name wherever the value is one line (kanban cards, timeline, related lists)', () => {
    expect(fieldText(team, 't-sg', ctx('en'))).toBe('Support Saigon');
    expect(fieldText(team, null, ctx('en'))).toBe('');
  });
});

describe('many-to-many and attachments fields', () => {
  const parts = field('parts', 'relations', { en: 'Parts', vi: 'Linh kiện' }, { relation: { target: 'parts', kind: 'many_to_many' } });
  const docs = field('docs', 'attachments', { en: 'Documents', vi: 'Tài liệu' });

  it('show linked records by their titles (ids they cannot resolve stay ids), files by name', () => {
    expect(fieldText(parts, ['p1', 'p2', 'p3'], ctx('en'), [{ id: 'p2', title: 'Brake' }, { id: 'p1', title: 'Wheel' }])).toBe('Wheel, Brake, p3');
    expect(fieldText(parts, [], ctx('en'))).toBe('');
    expect(fieldText(docs, [{ id: 'f1', name: 'a.pdf', size: 3, contentType: 'application/pdf' }, { id: 'f2', name: 'b.png', size: 3, contentType: 'image/png' }], ctx('en'))).toBe('a.pdf, b.png');
  });

  it('filter with includes any/all of (a list of records) or empty; files only by empty', () => {
    expect(filterOps(parts)).toEqual(['has_any', 'has_all', 'empty', 'not_empty']);
    expect(filterOps(docs)).toEqual(['not_empty', 'empty']);
    expect(chipText(parts, { field: 'parts', op: 'has_any', value: ['p1', 'p2'] }, ctx('en'))).toBe('Parts includes any of p1, p2');
    expect(chipText(parts, { field: 'parts', op: 'has_all', value: ['p1'] }, ctx('vi'))).toBe(`Linh kiện ${vi.ops.has_all} p1`);
  });
});
