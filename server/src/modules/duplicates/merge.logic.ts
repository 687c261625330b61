/** Pure merge of two stored contact rows into the survivor's new state (preview and merge share it). */
import type { MergeBody, MergedRecord } from '../../../../contracts/duplicates.js';

/** The stored columns a merge reads (JSON columns as text). */
export interface MergeRow {
  given_name: string | null; family_name: string | null; emails: string; phones: string; addresses: string; social: string;
  job_title: string | null; department: string | null; birthday: string | null; company_id: string | null;
  owner_id: string | null; team_id: string | null; tags: string; lifecycle_stage: string; source: string | null;
  external_id: string | null; consent: string; custom: string;
}

type Choices = MergeBody['choices'];
type Email = MergedRecord['emails'][number];
type Phone = MergedRecord['phones'][number];
type Consent = MergedRecord['consent'];

const json = <T>(text: string, fallback: T): T => {
  try {
    return (JSON.parse(text) as T) ?? fallback;
  } catch {
    return fallback;
  }
};
const empty = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** The chosen side's value; by default the survivor's unless it is empty. */
function pick<T>(field: keyof Choices, s: T, m: T, choices: Choices): T {
  const c = choices[field];
  if (c === 'merged') return m;
  if (c === 'survivor') return s;
  return empty(s) ? m : s;
}

function unionBy<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of [...a, ...b]) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

/** Exactly one primary: the winner side's primary stays primary. */
function onePrimary<T extends { primary: boolean }>(list: T[]): T[] {
  const idx = Math.max(0, list.findIndex((x) => x.primary));
  return list.map((x, i) => ({ ...x, primary: i === idx }));
}

/** Per channel the most recent change wins unless a side was chosen (a later "denied" must not be lost). */
function mergeConsent(s: Consent, m: Consent, choice: 'survivor' | 'merged' | undefined): Consent {
  if (choice === 'survivor') return s;
  if (choice === 'merged') return m;
  const out: Consent = { ...s };
  for (const [ch, mv] of Object.entries(m)) {
    const sv = s[ch];
    if (!sv || sv.status === 'unknown' || (mv.at && (!sv.at || mv.at > sv.at) && mv.status !== 'unknown')) out[ch] = mv;
  }
  return out;
}

export function computeMerge(s: MergeRow, m: MergeRow, choices: Choices): MergedRecord {
  const emails = (r: MergeRow) => json<Email[]>(r.emails, []).map((e) => ({ address: e.address, label: e.label ?? null, primary: !!e.primary }));
  const phones = (r: MergeRow) => json<Phone[]>(r.phones, []).map((p) => ({ number: p.number, label: p.label ?? null, primary: !!p.primary }));
  const ownerFromMerged = pick('ownerId', s.owner_id, m.owner_id, choices) === m.owner_id && s.owner_id !== m.owner_id;
  const socialS = json<Record<string, string | null>>(s.social, {});
  const socialM = json<Record<string, string | null>>(m.social, {});
  const customS = json<Record<string, unknown>>(s.custom, {});
  const customM = json<Record<string, unknown>>(m.custom, {});
  const dropEmpty = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => !empty(v)));
  return {
    givenName: pick('givenName', s.given_name, m.given_name, choices),
    familyName: pick('familyName', s.family_name, m.family_name, choices),
    emails: onePrimary(unionBy(emails(s), emails(m), (e) => e.address.toLowerCase())),
    phones: onePrimary(unionBy(phones(s), phones(m), (p) => p.number)),
    addresses: unionBy(json<MergedRecord['addresses']>(s.addresses, []), json<MergedRecord['addresses']>(m.addresses, []), (a) => JSON.stringify(a)),
    social: (choices.social === 'merged' ? { ...dropEmpty(socialS), ...dropEmpty(socialM) } : { ...dropEmpty(socialM), ...dropEmpty(socialS) }) as MergedRecord['social'],
    jobTitle: pick('jobTitle', s.job_title, m.job_title, choices),
    department: pick('department', s.department, m.department, choices),
    birthday: pick('birthday', s.birthday, m.birthday, choices),
    companyId: pick('companyId', s.company_id, m.company_id, choices),
    ownerId: ownerFromMerged ? m.owner_id : s.owner_id,
    teamId: ownerFromMerged ? m.team_id : s.team_id,
    tags: [...new Set([...json<string[]>(s.tags, []), ...json<string[]>(m.tags, [])])],
    lifecycleStage: pick('lifecycleStage', s.lifecycle_stage, m.lifecycle_stage, choices),
    source: pick('source', s.source, m.source, choices),
    externalId: pick('externalId', s.external_id, m.external_id, choices),
    consent: mergeConsent(json<Consent>(s.consent, {}), json<Consent>(m.consent, {}), choices.consent),
    custom: choices.custom === 'merged' ? { ...dropEmpty(customS), ...dropEmpty(customM) } : { ...dropEmpty(customM), ...dropEmpty(customS) },
  };
}
