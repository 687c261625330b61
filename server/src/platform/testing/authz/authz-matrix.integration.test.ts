/**
 * The authorization matrix (issue 12): every scoped module of the permission model × verb × scope, each
 * grant with its own caller and own / team / other records, on SQLite and PostgreSQL. See matrix.ts for
 * the rule every answer follows, matrix-probes.ts for what is asked of each module.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { grants } from './matrix.js';
import { createCase, createShared } from './matrix-fixtures.js';
import { Prober, probes, type Mismatch } from './matrix-probes.js';

/**
 * Probes that fail today because their fix belongs to another change still in progress: reported apart,
 * and the test fails as soon as one of them passes, so the entry is removed rather than left to hide a
 * regression. Empty when everything is fixed.
 */
const KNOWN: { probe: string; why: string }[] = [];

describeEachDialect('authorization matrix (role × module × verb × scope)', (env) => {
  it('answers every probe exactly as the grant allows: 403 for a verb not granted, 404 outside scope', async () => {
    const { app, database } = env();
    const shared = await createShared(app, database.db);
    const res = await app.inject({ method: 'GET', url: '/api/v1/permission-modules', headers: shared.admin });
    const modules = (res.json() as { key: string; scoped: boolean }[]).filter((m) => m.scoped).map((m) => m.key);
    // A new scoped module must bring its probes: the matrix is generated from the permission model.
    expect(modules.filter((m) => !probes[m])).toEqual([]);
    expect(modules.length).toBeGreaterThanOrEqual(3);

    const all = grants(modules);
    const cases = [];
    for (const [i, g] of all.entries()) cases.push(await createCase(app, database.db, shared, g, i));
    const mismatches: Mismatch[] = [];
    for (const c of cases) {
      const p = new Prober(app, c, shared, database.db);
      await probes[c.grant.module]!(p);
      mismatches.push(...p.mismatches);
    }
    const isKnown = (m: Mismatch) => KNOWN.some((k) => k.probe === m.probe);
    const unexpected = mismatches.filter((m) => !isKnown(m));
    const table = unexpected.map((m) => `${m.grant.padEnd(38)} ${m.probe.padEnd(32)} expected ${m.expected}, got ${m.got}`).join('\n');
    expect(unexpected.length, `${unexpected.length} probes of ${all.length} grants answered otherwise:\n${table}`).toBe(0);
    const fixed = KNOWN.filter((k) => !mismatches.some((m) => m.probe === k.probe));
    expect(fixed, 'these known failures pass now: remove them from KNOWN').toEqual([]);
  }, 480_000);
});
