import { afterEach, describe, expect, it } from 'vitest';
import { rememberSession, sessionLikely } from './auth';

const store = new Map<string, string>();
const storage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
};

describe('the signed-in hint (router.tsx starts on the shell with the session check)', () => {
  afterEach(() => {
    store.clear();
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('is set by a session and cleared without one', () => {
    Object.assign(globalThis, { localStorage: storage });
    expect(sessionLikely()).toBe(false);
    rememberSession(true);
    expect(sessionLikely()).toBe(true);
    rememberSession(false);
    expect(sessionLikely()).toBe(false);
  });

  it('reads as no session when storage is blocked', () => {
    Object.assign(globalThis, { localStorage: { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); }, removeItem: () => undefined } });
    expect(() => rememberSession(true)).not.toThrow();
    expect(sessionLikely()).toBe(false);
  });
});
