import { describe, expect, it } from 'vitest';
import { changeValue, formatBytes, formatDuration, initials, isEmptyHtml, mentionHtml, parseDuration, personName, telHref, typesParam } from './logic';

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
});
