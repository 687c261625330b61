import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';
import { describeTranslations, leaves } from './translation-checks';
import { en as recordsEn } from '../ui/records/i18n';
import { en as activityEn } from '../ui/activities/i18n';

const enLeaves = new Map(leaves(en));
/**
 * Keys t() may use: the shell's, plus every bundle a module registers under its key (`records.` from ui/records,
 * `activity.` from ui/activities,
 * `contacts.` from modules/contacts/i18n.ts, ...) — generic code and doc examples may name a module's keys.
 */
const knownKeys = new Set([...enLeaves.keys(), ...leaves(recordsEn, 'records.').map(([k]) => k), ...leaves(activityEn, 'activity.').map(([k]) => k)]);
const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'modules');
for (const dir of fs.readdirSync(modulesDir)) {
  const index = ['index.ts', 'index.tsx'].map((f) => path.join(modulesDir, dir, f)).find((f) => fs.existsSync(f));
  const bundle = path.join(modulesDir, dir, 'i18n.ts');
  if (!index || !fs.existsSync(bundle)) continue;
  const key = /translations: \[\{ key: '([a-zA-Z]+)'/.exec(fs.readFileSync(index, 'utf8'))?.[1];
  if (!key) continue;
  const mod = (await import(pathToFileURL(bundle).href)) as { en?: object };
  if (mod.en) for (const [k] of leaves(mod.en, `${key}.`)) knownKeys.add(k);
}

describeTranslations('shell', en, vi, { vietnameseShare: 0.8 });

describe('translations', () => {
  it('every literal key the shell and its modules pass to t() exists in English', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      // A module that ships its own i18n.ts (merged under its own key) checks its keys in its own test.
      if (dir.includes(`${path.sep}modules${path.sep}`) && fs.existsSync(path.join(dir, 'i18n.ts'))) return;
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f.name) && !/\.test\.tsx?$/.test(f.name) && !p.includes(`${path.sep}i18n${path.sep}`)) files.push(p);
      }
    };
    walk(root);
    const missing: string[] = [];
    for (const file of files) {
      const src = fs.readFileSync(file, 'utf8');
      // t('a.b'), and i18n keys handed to the registry and validators: label: 'a.b', 'validation.x'
      const keys = [
        ...[...src.matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)].map((m) => m[1]!),
        ...[...src.matchAll(/\b(?:label|description|group): '([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)].map((m) => m[1]!),
        ...[...src.matchAll(/'(validation\.[a-zA-Z]+)'/g)].map((m) => m[1]!),
      ];
      for (const key of keys) {
        const known = knownKeys.has(key) || knownKeys.has(`${key}_one`);
        if (!known) missing.push(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
