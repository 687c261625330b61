/**
 * Precision and recall of contact scoring on the labelled set (fixtures/labelled-pairs.json). The floors sit just
 * under the figures bench/README.md reports, so a scoring change that loses quality fails here.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { byKind, evaluate } from './fixtures/evaluate.js';
import { generatePairs, pairsFileText, type LabelledPair } from './fixtures/generate-pairs.js';
import { CANDIDATE_THRESHOLD, CONFIDENT_THRESHOLD, scoreContacts } from './scoring.logic.js';

const file = fileURLToPath(new URL('./fixtures/labelled-pairs.json', import.meta.url));
const text = fs.readFileSync(file, 'utf8');
const pairs = JSON.parse(text) as LabelledPair[];
const score = (p: LabelledPair) => scoreContacts(p.a, p.b).score;

describe('duplicate scoring on the labelled set', () => {
  it('is the committed output of the deterministic generator, ≥ 500 pairs of both kinds', () => {
    expect(pairsFileText(generatePairs())).toBe(text);
    expect(pairs.length).toBeGreaterThanOrEqual(500);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(250);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThanOrEqual(250);
  });

  it(`lists candidates (score ≥ ${CANDIDATE_THRESHOLD}) with precision ≥ 0.97 and recall ≥ 0.9`, () => {
    const q = evaluate(pairs, score, CANDIDATE_THRESHOLD);
    expect(q.precision).toBeGreaterThanOrEqual(0.97);
    expect(q.recall).toBeGreaterThanOrEqual(0.9);
  });

  it(`calls matches confident (score ≥ ${CONFIDENT_THRESHOLD}) with precision ≥ 0.99 and recall ≥ 0.62`, () => {
    const q = evaluate(pairs, score, CONFIDENT_THRESHOLD);
    expect(q.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.recall).toBeGreaterThanOrEqual(0.62);
  });

  it('finds every name typed without diacritics with the same phone, confidently; no Minh Lê / Minh Lý pair', () => {
    const kinds = byKind(pairs, score, CONFIDENT_THRESHOLD);
    expect(kinds.get('vi_no_diacritics_same_phone')).toMatchObject({ n: 40, found: 40 });
    expect(byKind(pairs, score, CANDIDATE_THRESHOLD).get('vi_same_given_twin_family_same_company')).toMatchObject({ found: 0 });
  });
});
