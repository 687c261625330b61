import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newRecordId } from './imports.ids.js';

describe('newRecordId', () => {
  it('makes valid UUIDv7s, unique and strictly increasing, stamped with the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, () => newRecordId()); // several pool refills
    const after = Date.now();
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before);
    expect(ms(ids[ids.length - 1]!)).toBeLessThanOrEqual(after + 1);
  });
});
