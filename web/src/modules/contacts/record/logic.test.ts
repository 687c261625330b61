import { describe, expect, it } from 'vitest';
import { changeValue, formatBytes, formatDuration, genericEntries, humanizeKey, initials, isEmptyHtml, mentionHtml, parseDuration, personName, telHref } from './logic';
import { typesParam } from '../../../ui/activities/logic';

describe('record logic', () => {
  it('orders names by the name, not the UI language', () => {
    expect(personName('Văn An', 'Nguyễn')).toBe('Nguyễn Văn An');
    expect(personName('Henry', 'Walker')).toBe('Henry Walker');
    expect(personName('Văn An', 'Nguyễn', 'given_first')).toBe('Văn An Nguyễn');
    expect(personName(null, 'Lee')).toBe('Lee');
    expect(personName(' ', null)).toBe('');
  });

  it('makes avatar initials from first and last word', () => {
    expect(initials('Nguyễn Văn An')).toBe('NA');
    expect(initials('madonna')).toBe('M');
    expect(initials('  ')).toBe('?');
    expect(initials('Golden Foods Co., Ltd 14')).toBe('GL');
    expect(initials('Đặng Thu')).toBe('ĐT');
  });

  it('formats and parses call durations', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3909)).toBe('1:05:09');
    expect(formatDuration(null)).toBe('');
    expect(parseDuration('4:30')).toBe(270);
    expect(parseDuration('1:00:00')).toBe(3600);
    expect(parseDuration('5')).toBe(300);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('abc')).toBeNull();
    expect(parseDuration('1:2:3:4')).toBeNull();
  });

  it('builds the types query parameter in a stable order', () => {
    expect(typesParam([])).toBeUndefined();
    expect(typesParam(['task', 'call'])).toBe('call,task');
  });

  it('writes mention markup the server parses, escaped', () => {
    expect(mentionHtml('u1', 'Lan')).toBe('<span class="mention" data-mention-id="u1">@Lan</span>');
    expect(mentionHtml('u"2', '<b>')).toBe('<span class="mention" data-mention-id="u&quot;2">@&lt;b&gt;</span>');
  });

  it('detects empty editor HTML', () => {
    expect(isEmptyHtml('<p></p>')).toBe(true);
    expect(isEmptyHtml('<p>&nbsp; </p>')).toBe(true);
    expect(isEmptyHtml('<p>hi</p>')).toBe(false);
    expect(isEmptyHtml('<p><span data-mention-id="u1"></span></p>')).toBe(false);
  });

  it('prints field-change values', () => {
    expect(changeValue(null)).toBe('');
    expect(changeValue(['a', 'b'])).toBe('a, b');
    expect(changeValue([{ address: 'x@y.vn' }])).toBe('x@y.vn');
    expect(changeValue({ id: '1', name: 'Acme' })).toBe('Acme');
    expect(changeValue(3)).toBe('3');
    expect(changeValue('["vip","hanoi"]')).toBe('vip, hanoi');
    expect(changeValue('[]')).toBe('');
    expect(changeValue('[not json')).toBe('[not json');
  });

  it('formats sizes and tel links', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MB');
    expect(telHref('+84 903-123 456')).toBe('tel:+84903123456');
  });

  it('words the keys of another module\'s item data', () => {
    expect(humanizeKey('dueAt')).toBe('Due at');
    expect(humanizeKey('deal_name')).toBe('Deal name');
    expect(humanizeKey('satisfactionScore')).toBe('Satisfaction score');
    expect(humanizeKey('status')).toBe('Status');
  });

  it('shows item data without ids or raw timestamps', () => {
    const fmt = { date: (iso: string) => `date(${iso})`, dateTime: (iso: string) => `at(${iso})`, number: (n: number) => `n(${n})`, yes: 'Yes', no: 'No' };
    // A task's data: the due time formatted, the empty fields left out.
    expect(genericEntries({ status: 'open', taskType: 'email', dueAt: '2027-06-20T09:00:00.000Z', completedAt: null, outcome: null }, fmt)).toEqual([
      { key: 'status', value: 'open' }, { key: 'taskType', value: 'email' }, { key: 'dueAt', value: 'at(2027-06-20T09:00:00.000Z)' },
    ]);
    // A deal's: no id, whatever the key; codes as words.
    expect(genericEntries({ dealId: '01a2513e-2bd4-7024-9123-26f0fff6092a', dealName: 'Sơn Hà Paint — CRM', stage: 'Warranty', kind: 'opened' }, fmt)).toEqual([
      { key: 'dealName', value: 'Sơn Hà Paint — CRM' }, { key: 'stage', value: 'Warranty' }, { key: 'kind', value: 'opened' },
    ]);
    expect(genericEntries({ id: 'x1', ticket_id: 't1', owner: '01a2513e-2bd4-7024-9123-26f0fff6092a', status: 'on_hold', channel: 'web_form' }, fmt)).toEqual([
      { key: 'status', value: 'on hold' }, { key: 'channel', value: 'web form' },
    ]);
    // Calendar days, numbers, booleans, lists; objects and empty lists left out; at most `max` entries.
    expect(genericEntries({ closeDate: '2027-01-31', row: 12, vip: true, paid: false, fields: ['name', 'email'], amount: { amount: 5, currency: 'VND' }, tags: [] }, fmt)).toEqual([
      { key: 'closeDate', value: 'date(2027-01-31)' }, { key: 'row', value: 'n(12)' }, { key: 'vip', value: 'Yes' }, { key: 'paid', value: 'No' },
    ]);
    expect(genericEntries({ fields: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, fmt)).toEqual([{ key: 'fields', value: 'a, b, c, d, e, …' }]);
    expect(genericEntries({ a: 1, b: 2, c: 3 }, fmt, 2)).toHaveLength(2);
    expect(genericEntries(null, fmt)).toEqual([]);
    // A value that only looks like a timestamp stays as written.
    expect(genericEntries({ note: '2027-13-45T99:99 is not a time' }, fmt)).toEqual([{ key: 'note', value: '2027-13-45T99:99 is not a time' }]);
  });
});
