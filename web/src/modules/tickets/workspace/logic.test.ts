import { describe, expect, it } from 'vitest';
import { renderCanned, unknownPlaceholders } from '../../../../../contracts/ticket-placeholders';
import { insertAt, neighbour, remaining, split } from './logic';

describe('ticket workspace logic', () => {
  it('counts the SLA clock in minutes either side of the due', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(remaining('2026-12-07T11:30:00Z', now)).toEqual({ minutes: 90, past: false });
    expect(remaining('2026-12-07T09:59:00Z', now)).toEqual({ minutes: 1, past: true });
    expect(split(1563)).toEqual({ d: 1, h: 2, m: 3 });
  });
  it('finds the next and previous ticket of the list', () => {
    expect(neighbour(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(neighbour(['a', 'b', 'c'], 'b', -1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(neighbour(['a', 'b'], 'x', 1)).toBeNull();
  });
  it('inserts a canned text at the cursor, a blank line apart', () => {
    expect(insertAt('', 0, 'Thanks')).toEqual({ text: 'Thanks', cursor: 6 });
    expect(insertAt('Hello', 5, 'Thanks')).toEqual({ text: 'Hello\n\nThanks', cursor: 13 });
    expect(insertAt('Hello world', 5, 'X').text).toBe('Hello\n\nX\n\nworld');
  });
  it('fills placeholders and names unknown ones', () => {
    expect(renderCanned('Chào {{requester.name}}, phiếu {{ ticket.number }} — {{agent.name}}', { 'requester.name': 'Lan', 'ticket.number': '#10001', 'agent.name': 'Minh' }))
      .toBe('Chào Lan, phiếu #10001 — Minh');
    expect(renderCanned('Hi {{requester.name}} {{other}}', {})).toBe('Hi  {{other}}');
    expect(unknownPlaceholders('{{requester.name}} {{ x.y }}')).toEqual(['x.y']);
  });
});
