import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { runCli } from '../../cli.js';
import { dialects, freshDatabaseConfig } from '../../platform/testing/harness.js';

// `kith demo` runs the modules' demo hooks without building the app or starting the modules, so whatever the
// engine needs (the standard relation targets) must be prepared by the hook itself. This file builds no app:
// its process has nothing registered beforehand (the demo once failed with `no object "contacts"`).
describe.each(dialects)('kith demo on %s, in a process that built no app', (dialect) => {
  afterEach(() => vi.restoreAllMocks());
  it.skipIf(dialect === 'postgres' && inject('pgUrl') === null)('adds the Vehicles sample object', async () => {
    const config = await freshDatabaseConfig(dialect);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    expect(await runCli(['user', 'create', '--email', 'owner@example.com', '--name', 'Owner', '--role', 'admin',
      '--password', 'violet harbour quokka 47 lantern'], config)).toBe(0);
    expect(await runCli(['demo'], config)).toBe(0);
    expect(lines).toContain('custom objects: Vehicles with 12 records (Settings › Objects)');
  });
});
